package dev.weave4j.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;

/**
 * Internal, unstable. One {@code sort_by} entry: a CallSchema field or dotted path and a direction.
 * Absent values sort first ascending (last descending); see {@link Values#sortCompare}.
 */
public record SortBy(String field, boolean descending) {

  /** Parses one {@code {"field", "direction"}} object. */
  static SortBy fromJson(JsonNode n, String where) {
    if (!n.isObject() || !n.path("field").isTextual() || n.get("field").textValue().isEmpty()) {
      throw new QueryException(where, "expects {field, direction}");
    }
    n.fieldNames()
        .forEachRemaining(
            k -> {
              if (!k.equals("field") && !k.equals("direction")) {
                throw new QueryException(where + "." + k, "extra inputs are not permitted");
              }
            });
    String dir = n.path("direction").asText("asc");
    if (!dir.equals("asc") && !dir.equals("desc")) {
      throw new QueryException(where + ".direction", "must be 'asc' or 'desc'");
    }
    return new SortBy(n.get("field").textValue(), dir.equals("desc"));
  }

  ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("field", field);
    o.put("direction", descending ? "desc" : "asc");
    return o;
  }

  /** The values {@link #compareKeys} orders by: each sort field, then start time and id. */
  static JsonNode[] keys(CallRow row, List<SortBy> sorts) {
    JsonNode[] keys = new JsonNode[sorts.size() + 2];
    for (int i = 0; i < sorts.size(); i++) {
      keys[i] = FieldPath.resolve(row, sorts.get(i).field);
    }
    keys[sorts.size()] = row.field("started_at");
    keys[sorts.size() + 1] = row.field("id");
    return keys;
  }

  /** Orders {@link #keys} by {@code sorts} in turn, then by start time and id (ascending). */
  static int compareKeys(JsonNode[] a, JsonNode[] b, List<SortBy> sorts) {
    for (int i = 0; i < a.length; i++) {
      int c = Values.sortCompare(a[i], b[i]);
      if (c != 0) {
        return i < sorts.size() && sorts.get(i).descending ? -c : c;
      }
    }
    return 0;
  }

  /** Orders rows by {@code sorts} in turn, then by start time and id (a stable, total order). */
  public static Comparator<CallRow> comparator(List<SortBy> sorts) {
    Comparator<CallRow> c = (a, b) -> 0;
    for (SortBy s : sorts) {
      Comparator<CallRow> one =
          (a, b) ->
              Values.sortCompare(FieldPath.resolve(a, s.field), FieldPath.resolve(b, s.field));
      c = c.thenComparing(s.descending ? one.reversed() : one);
    }
    return c.thenComparing(
            (CallRow a, CallRow b) ->
                Values.sortCompare(a.field("started_at"), b.field("started_at")))
        .thenComparing((CallRow a, CallRow b) -> Values.sortCompare(a.field("id"), b.field("id")));
  }
}
