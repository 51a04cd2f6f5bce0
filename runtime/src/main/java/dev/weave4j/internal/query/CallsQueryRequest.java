package dev.weave4j.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Internal, unstable. A {@code /calls/stream_query} request ({@code CallsQueryReq},
 * weave-protocol.md §1.8), also the body of {@code /calls/query_stats} (§1.10). The envelope is
 * strict: unknown keys are rejected.
 *
 * @param query the {@code query} object, {@code {"$expr": ...}}, or null
 * @param limit null for no limit
 * @param columns null for every column
 */
public record CallsQueryRequest(
    String projectId,
    CallsFilter filter,
    JsonNode query,
    List<SortBy> sortBy,
    Integer limit,
    int offset,
    List<String> columns,
    boolean includeFeedback) {

  private static final Set<String> QUERY_KEYS =
      Set.of(
          "project_id",
          "filter",
          "query",
          "sort_by",
          "limit",
          "offset",
          "include_costs",
          "include_feedback",
          "include_storage_size",
          "include_total_storage_size",
          "columns",
          "expand_columns",
          "return_expanded_column_values");

  private static final Set<String> STATS_KEYS =
      Set.of(
          "project_id", "filter", "query", "limit", "include_total_storage_size", "expand_columns");

  public CallsQueryRequest {
    filter = filter == null ? CallsFilter.NONE : filter;
    sortBy = sortBy == null ? List.of() : List.copyOf(sortBy);
    columns = columns == null ? null : List.copyOf(columns);
    if (limit != null && limit < 0) {
      throw new QueryException("limit", "must not be negative");
    }
    if (offset < 0) {
      throw new QueryException("offset", "must not be negative");
    }
  }

  /** Parses a {@code /calls/stream_query} body. */
  public static CallsQueryRequest fromJson(JsonNode body) {
    return parse(body, QUERY_KEYS);
  }

  /** Parses a {@code /calls/query_stats} body. */
  public static CallsQueryRequest fromStatsJson(JsonNode body) {
    return parse(body, STATS_KEYS);
  }

  private static CallsQueryRequest parse(JsonNode body, Set<String> keys) {
    if (body == null || !body.isObject()) {
      throw new QueryException("body", "must be a JSON object");
    }
    body.fieldNames()
        .forEachRemaining(
            k -> {
              if (!keys.contains(k)) {
                throw new QueryException(k, "extra inputs are not permitted");
              }
            });
    JsonNode project = body.get("project_id");
    if (project == null || !project.isTextual()) {
      throw new QueryException("project_id", "field required");
    }
    JsonNode query = body.get("query");
    if (query != null && query.isNull()) {
      query = null;
    }
    ExprCompiler.compileQuery(query); // validates
    List<SortBy> sorts = new ArrayList<>();
    JsonNode sortBy = body.get("sort_by");
    if (sortBy != null && !sortBy.isNull()) {
      if (!sortBy.isArray()) {
        throw new QueryException("sort_by", "must be an array");
      }
      for (int i = 0; i < sortBy.size(); i++) {
        sorts.add(SortBy.fromJson(sortBy.get(i), "sort_by[" + i + "]"));
      }
    }
    List<String> columns = null;
    JsonNode cols = body.get("columns");
    if (cols != null && !cols.isNull()) {
      if (!cols.isArray()) {
        throw new QueryException("columns", "must be an array of strings");
      }
      columns = new ArrayList<>();
      for (JsonNode c : cols) {
        columns.add(c.asText());
      }
    }
    return new CallsQueryRequest(
        project.textValue(),
        CallsFilter.fromJson(body.get("filter")),
        query,
        sorts,
        intOrNull(body, "limit"),
        intOrNull(body, "offset") == null ? 0 : intOrNull(body, "offset"),
        columns,
        body.path("include_feedback").asBoolean(false));
  }

  private static Integer intOrNull(JsonNode body, String key) {
    JsonNode v = body.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new QueryException(key, "must be an integer");
    }
    return v.intValue();
  }

  /** The compiled {@code $expr}, or null. */
  public Expr expr() {
    return ExprCompiler.compileQuery(query);
  }

  /** The same request for another page. */
  public CallsQueryRequest page(int newOffset, Integer newLimit) {
    return new CallsQueryRequest(
        projectId, filter, query, sortBy, newLimit, newOffset, columns, includeFeedback);
  }

  /** As a {@code /calls/stream_query} body. */
  public ObjectNode toJson() {
    ObjectNode o = toStatsJson();
    if (!sortBy.isEmpty()) {
      ArrayNode a = o.putArray("sort_by");
      sortBy.forEach(s -> a.add(s.toJson()));
    }
    if (offset > 0) {
      o.put("offset", offset);
    }
    if (columns != null) {
      columns.forEach(o.putArray("columns")::add);
    }
    if (includeFeedback) {
      o.put("include_feedback", true);
    }
    return o;
  }

  /** As a {@code /calls/query_stats} body (no sort, offset or columns). */
  public ObjectNode toStatsJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("project_id", projectId);
    ObjectNode f = filter.toJson();
    if (f != null) {
      o.set("filter", f);
    }
    if (query != null) {
      o.set("query", query);
    }
    if (limit != null) {
      o.put("limit", limit);
    }
    return o;
  }
}
