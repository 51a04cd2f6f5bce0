package dev.weave4j.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Internal, unstable. Compiles Weave's query language (weave-protocol.md §1.9) into an {@link
 * Expr}: {@code $literal}, {@code $getField} (dotted paths), {@code $convert} (to double, int,
 * string, bool, exists), {@code $and}, {@code $or}, {@code $not}, {@code $eq}, {@code $gt}, {@code
 * $gte}, {@code $lt}, {@code $lte}, {@code $in} and {@code $contains}. Every operator is a
 * single-key object; anything else is a {@link QueryException} naming where it is.
 */
public final class ExprCompiler {

  private static final List<String> CONVERT_TARGETS =
      List.of("double", "int", "string", "bool", "exists");

  private ExprCompiler() {}

  /** Compiles the body of a request's {@code query} object, {@code {"$expr": op}}. */
  public static Expr compileQuery(JsonNode query) {
    if (query == null || query.isNull()) {
      return null;
    }
    if (!query.isObject() || query.size() != 1 || !query.has("$expr")) {
      throw new QueryException("query", "must be an object with exactly one key, $expr");
    }
    return compile(query.get("$expr"), "query.$expr");
  }

  /** Compiles one operation. */
  public static Expr compile(JsonNode op, String where) {
    if (op == null || !op.isObject() || op.size() != 1) {
      throw new QueryException(where, "an operation is an object with exactly one $operator key");
    }
    Map.Entry<String, JsonNode> e = op.fields().next();
    String name = e.getKey();
    JsonNode arg = e.getValue();
    String at = where + "." + name;
    switch (name) {
      case "$literal":
        return row -> arg;
      case "$getField":
        if (!arg.isTextual() || arg.textValue().isEmpty()) {
          throw new QueryException(at, "expects a field name string");
        }
        String path = arg.textValue();
        return row -> FieldPath.resolve(row, path);
      case "$convert":
        return convert(arg, at);
      case "$and":
        return and(operands(arg, at, -1));
      case "$or":
        return or(operands(arg, at, -1));
      case "$not":
        Expr inner = operands(arg, at, 1).get(0);
        return row -> BooleanNode.valueOf(!inner.test(row));
      case "$eq":
        {
          List<Expr> ab = operands(arg, at, 2);
          Expr a = ab.get(0);
          Expr b = ab.get(1);
          return row -> BooleanNode.valueOf(Values.equal(a.eval(row), b.eval(row)));
        }
      case "$gt":
        return comparison(arg, at, c -> c > 0);
      case "$gte":
        return comparison(arg, at, c -> c >= 0);
      case "$lt":
        return comparison(arg, at, c -> c < 0);
      case "$lte":
        return comparison(arg, at, c -> c <= 0);
      case "$in":
        return in(arg, at);
      case "$contains":
        return contains(arg, at);
      default:
        throw new QueryException(at, "unknown operator");
    }
  }

  private static List<Expr> operands(JsonNode arg, String at, int count) {
    if (!arg.isArray() || (count >= 0 && arg.size() != count) || (count < 0 && arg.isEmpty())) {
      throw new QueryException(
          at,
          count < 0
              ? "expects a non-empty array of operations"
              : "expects an array of exactly " + count + " operation" + (count == 1 ? "" : "s"));
    }
    List<Expr> out = new ArrayList<>();
    for (int i = 0; i < arg.size(); i++) {
      out.add(compile(arg.get(i), at + "[" + i + "]"));
    }
    return out;
  }

  private static Expr and(List<Expr> ops) {
    return row -> {
      for (Expr op : ops) {
        if (!op.test(row)) {
          return BooleanNode.FALSE;
        }
      }
      return BooleanNode.TRUE;
    };
  }

  private static Expr or(List<Expr> ops) {
    return row -> {
      for (Expr op : ops) {
        if (op.test(row)) {
          return BooleanNode.TRUE;
        }
      }
      return BooleanNode.FALSE;
    };
  }

  private static Expr comparison(JsonNode arg, String at, IntPredicate holds) {
    List<Expr> ab = operands(arg, at, 2);
    Expr a = ab.get(0);
    Expr b = ab.get(1);
    return row -> {
      Integer c = Values.compare(a.eval(row), b.eval(row));
      return BooleanNode.valueOf(c != null && holds.test(c));
    };
  }

  private static Expr in(JsonNode arg, String at) {
    if (!arg.isArray() || arg.size() != 2 || !arg.get(1).isArray()) {
      throw new QueryException(at, "expects [operation, [operations...]]");
    }
    Expr needle = compile(arg.get(0), at + "[0]");
    List<Expr> haystack = new ArrayList<>();
    for (int i = 0; i < arg.get(1).size(); i++) {
      haystack.add(compile(arg.get(1).get(i), at + "[1][" + i + "]"));
    }
    return row -> {
      JsonNode v = needle.eval(row);
      for (Expr h : haystack) {
        if (Values.equal(v, h.eval(row))) {
          return BooleanNode.TRUE;
        }
      }
      return BooleanNode.FALSE;
    };
  }

  private static Expr contains(JsonNode arg, String at) {
    if (!arg.isObject() || !arg.has("input") || !arg.has("substr")) {
      throw new QueryException(at, "expects {input, substr, case_insensitive?}");
    }
    arg.fieldNames()
        .forEachRemaining(
            k -> {
              if (!List.of("input", "substr", "case_insensitive").contains(k)) {
                throw new QueryException(at + "." + k, "unknown key");
              }
            });
    Expr input = compile(arg.get("input"), at + ".input");
    Expr substr = compile(arg.get("substr"), at + ".substr");
    boolean ci = arg.path("case_insensitive").asBoolean(false);
    return row -> {
      JsonNode in = input.eval(row);
      JsonNode sub = substr.eval(row);
      if (Values.isNull(in) || Values.isNull(sub)) {
        return BooleanNode.FALSE;
      }
      String s = Values.text(in);
      String t = Values.text(sub);
      if (ci) {
        s = s.toLowerCase(Locale.ROOT);
        t = t.toLowerCase(Locale.ROOT);
      }
      return BooleanNode.valueOf(s.contains(t));
    };
  }

  private static Expr convert(JsonNode arg, String at) {
    if (!arg.isObject() || !arg.has("input") || !arg.path("to").isTextual()) {
      throw new QueryException(at, "expects {input, to}");
    }
    String to = arg.get("to").textValue();
    if (!CONVERT_TARGETS.contains(to)) {
      throw new QueryException(at + ".to", "must be one of " + CONVERT_TARGETS);
    }
    Expr input = compile(arg.get("input"), at + ".input");
    return row -> convertValue(input.eval(row), to);
  }

  private static JsonNode convertValue(JsonNode v, String to) {
    if (to.equals("exists")) {
      return BooleanNode.valueOf(!Values.isNull(v));
    }
    if (Values.isNull(v)) {
      return null;
    }
    switch (to) {
      case "double":
        {
          Double d = v.isNumber() ? (Double) v.doubleValue() : Values.parseDouble(Values.text(v));
          return d == null ? null : DoubleNode.valueOf(d);
        }
      case "int":
        {
          Double d = v.isNumber() ? (Double) v.doubleValue() : Values.parseDouble(Values.text(v));
          return d == null ? null : LongNode.valueOf(d.longValue());
        }
      case "bool":
        return BooleanNode.valueOf(Values.truthy(v));
      default:
        return TextNode.valueOf(Values.text(v));
    }
  }
}
