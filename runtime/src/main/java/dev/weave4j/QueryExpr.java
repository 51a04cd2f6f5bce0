package dev.weave4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.internal.util.JsonMapper;
import java.util.Objects;

/**
 * One operation or operand of Weave's calls query language (the {@code $expr} of {@code
 * /calls/stream_query}), built in Java. Immutable.
 *
 * <pre>{@code
 * QueryExpr.and(
 *     QueryExpr.field("op_name").eq("Agent.run"),
 *     QueryExpr.field("summary.usage.gpt-4o.total_tokens").asDouble().gt(1000),
 *     QueryExpr.field("display_name").containsIgnoreCase("nightly"))
 * }</pre>
 *
 * <p>Values given where an operand is expected ({@code eq("x")}, {@code gt(3)}) become {@code
 * $literal}s; a {@code QueryExpr} is used as is. Fields are CallSchema keys or dotted paths into
 * {@code inputs}, {@code output}, {@code attributes} and {@code summary}.
 */
public final class QueryExpr {

  private static final ObjectMapper MAPPER = JsonMapper.get();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonNode json;

  private QueryExpr(JsonNode json) {
    this.json = json;
  }

  /** {@code {"$getField": path}}: a field or dotted path of the call. */
  public static QueryExpr field(String path) {
    if (path == null || path.isEmpty()) {
      throw new IllegalArgumentException("field path must not be empty");
    }
    return op("$getField", NODES.textNode(path));
  }

  /** {@code {"$literal": value}}: a constant (any JSON-serializable value, or null). */
  public static QueryExpr literal(Object value) {
    return op("$literal", MAPPER.valueToTree(value));
  }

  /**
   * An operation given as raw JSON, e.g. {@code
   * {"$eq":[{"$getField":"op_name"},{"$literal":"x"}]}}.
   *
   * @throws IllegalArgumentException when the text is not a JSON object
   */
  public static QueryExpr raw(String json) {
    try {
      JsonNode n = MAPPER.readTree(json);
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException("a query operation must be a JSON object: " + json);
      }
      return new QueryExpr(n);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** {@code $and} of every operation. */
  public static QueryExpr and(QueryExpr... ops) {
    return op("$and", array(ops));
  }

  /** {@code $or} of every operation. */
  public static QueryExpr or(QueryExpr... ops) {
    return op("$or", array(ops));
  }

  /** {@code $not}. */
  public static QueryExpr not(QueryExpr op) {
    return op("$not", array(op));
  }

  /** {@code $eq} with {@code other} (a value or a QueryExpr). */
  public QueryExpr eq(Object other) {
    return op("$eq", array(this, operand(other)));
  }

  /** {@code $gt}. */
  public QueryExpr gt(Object other) {
    return op("$gt", array(this, operand(other)));
  }

  /** {@code $gte}. */
  public QueryExpr gte(Object other) {
    return op("$gte", array(this, operand(other)));
  }

  /** {@code $lt}. */
  public QueryExpr lt(Object other) {
    return op("$lt", array(this, operand(other)));
  }

  /** {@code $lte}. */
  public QueryExpr lte(Object other) {
    return op("$lte", array(this, operand(other)));
  }

  /** {@code $in}: equal to any of {@code values} (values or QueryExprs). */
  public QueryExpr in(Object... values) {
    ArrayNode list = NODES.arrayNode();
    for (Object v : values) {
      list.add(operand(v).json);
    }
    ArrayNode args = NODES.arrayNode();
    args.add(json);
    args.add(list);
    return op("$in", args);
  }

  /** {@code $contains}: this value's text contains {@code substring}. */
  public QueryExpr contains(String substring) {
    return contains(substring, false);
  }

  /** {@code $contains} ignoring case. */
  public QueryExpr containsIgnoreCase(String substring) {
    return contains(substring, true);
  }

  private QueryExpr contains(String substring, boolean ignoreCase) {
    ObjectNode args = NODES.objectNode();
    args.set("input", json);
    args.set("substr", literal(substring).json);
    args.put("case_insensitive", ignoreCase);
    return op("$contains", args);
  }

  /** {@code $convert} to double. */
  public QueryExpr asDouble() {
    return convert("double");
  }

  /** {@code $convert} to int. */
  public QueryExpr asInt() {
    return convert("int");
  }

  /** {@code $convert} to string. */
  public QueryExpr asString() {
    return convert("string");
  }

  /** {@code $convert} to bool. */
  public QueryExpr asBool() {
    return convert("bool");
  }

  /** {@code $convert} to exists: whether the value is present (not null). */
  public QueryExpr exists() {
    return convert("exists");
  }

  private QueryExpr convert(String to) {
    ObjectNode args = NODES.objectNode();
    args.set("input", json);
    args.put("to", to);
    return op("$convert", args);
  }

  /** This operation as JSON text. */
  public String toJson() {
    return json.toString();
  }

  JsonNode node() {
    return json;
  }

  private static QueryExpr operand(Object v) {
    return v instanceof QueryExpr q ? q : literal(v);
  }

  private static ArrayNode array(QueryExpr... ops) {
    ArrayNode a = NODES.arrayNode();
    for (QueryExpr op : ops) {
      a.add(Objects.requireNonNull(op, "operation").json);
    }
    return a;
  }

  private static QueryExpr op(String name, JsonNode arg) {
    ObjectNode o = NODES.objectNode();
    o.set(name, arg);
    return new QueryExpr(o);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QueryExpr q && q.json.equals(json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return toJson();
  }
}
