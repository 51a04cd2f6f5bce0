package dev.weave4j.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.internal.store.ProjectStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /table/create}, {@code /table/update}, {@code /table/query} and {@code
 * /table/query_stats}: the tables behind the SDKs' Datasets and Evaluations, with upstream's
 * request and response shapes.
 */
final class TablesApi {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final ProjectStores stores;

  TablesApi(ProjectStores stores) {
    this.stores = stores;
  }

  /** {@code {"table": {project_id, rows, expected_digest?}}} → {@code {digest, row_digests}}. */
  JsonNode tableCreate(JsonNode body) {
    Bodies.strict(body, "", Set.of("table"));
    JsonNode table = Bodies.object(body, "", "table");
    Bodies.strict(table, "table", Set.of("project_id", "rows", "expected_digest"));
    String project = Bodies.string(table, "table", "project_id");
    List<JsonNode> rows = rows(table.get("rows"), "table.rows");
    ProjectStore.TableRef ref = stores.get(project).createTable(rows);
    String expected = Bodies.optionalString(table, "table", "expected_digest");
    if (expected != null && !expected.equals(ref.digest())) {
      throw ApiError.invalid(
          "Digest mismatch: expected " + expected + ", computed " + ref.digest());
    }
    return answer(ref, "row_digests", ref.rowDigests());
  }

  /**
   * {@code {project_id, base_digest, updates: [{append: {row}} | {pop: {index}} | {insert: {index,
   * row}}]}} → {@code {digest, updated_row_digests}}: a new table, the base unchanged.
   */
  JsonNode tableUpdate(JsonNode body) {
    Bodies.strict(body, "", Set.of("project_id", "base_digest", "updates"));
    String project = Bodies.string(body, "", "project_id");
    String base = Bodies.string(body, "", "base_digest");
    JsonNode updates = body.get("updates");
    if (updates == null || !updates.isArray()) {
      throw Bodies.missing("", "updates");
    }
    List<JsonNode> rows = new ArrayList<>();
    rowsOf(project, base).forEach(e -> rows.add(e.getValue()));
    List<JsonNode> added = new ArrayList<>();
    for (int i = 0; i < updates.size(); i++) {
      String at = "updates." + i;
      JsonNode u = updates.get(i);
      if (u.get("append") instanceof ObjectNode append) {
        JsonNode row = Bodies.object(append, at + ".append", "row");
        rows.add(row);
        added.add(row);
      } else if (u.get("pop") instanceof ObjectNode pop) {
        rows.remove(index(pop, at + ".pop", rows.size() - 1));
      } else if (u.get("insert") instanceof ObjectNode insert) {
        JsonNode row = Bodies.object(insert, at + ".insert", "row");
        rows.add(index(insert, at + ".insert", rows.size()), row);
        added.add(row);
      } else {
        throw ApiError.validation(
            "union_tag_invalid", at, "Input should have one of 'append', 'pop' or 'insert'");
      }
    }
    ProjectStore.TableRef ref = stores.get(project).createTable(rows);
    List<String> updated = new ArrayList<>();
    added.forEach(r -> updated.add(dev.weave4j.internal.util.Digests.object(r)));
    return answer(ref, "updated_row_digests", updated);
  }

  /**
   * {@code {project_id, digest, filter?: {row_digests?}, limit?, offset?}} → {@code {rows:
   * [{digest, val, original_index}]}}.
   */
  JsonNode tableQuery(JsonNode body) {
    Bodies.strict(body, "", Set.of("project_id", "digest", "filter", "limit", "offset", "sort_by"));
    String project = Bodies.string(body, "", "project_id");
    String digest = Bodies.string(body, "", "digest");
    int offset = Bodies.optionalNonNegative(body, "", "offset", 0);
    int limit = Bodies.optionalNonNegative(body, "", "limit", Integer.MAX_VALUE);
    JsonNode wanted = body.path("filter").get("row_digests");
    Set<String> digests = null;
    if (wanted != null && wanted.isArray()) {
      digests = new HashSet<>();
      for (JsonNode d : wanted) {
        digests.add(d.asText());
      }
    }
    List<Map.Entry<String, JsonNode>> rows = rowsOf(project, digest);
    ArrayNode out = JSON.arrayNode();
    int skipped = 0;
    for (int i = 0; i < rows.size() && out.size() < limit; i++) {
      Map.Entry<String, JsonNode> row = rows.get(i);
      if (digests != null && !digests.contains(row.getKey())) {
        continue;
      }
      if (skipped++ < offset) {
        continue;
      }
      ObjectNode r = out.addObject();
      r.put("digest", row.getKey());
      r.set("val", row.getValue());
      r.put("original_index", i);
    }
    ObjectNode res = JSON.objectNode();
    res.set("rows", out);
    return res;
  }

  /** {@code {project_id, digest}} → {@code {count}}. */
  JsonNode tableQueryStats(JsonNode body) {
    Bodies.strict(body, "", Set.of("project_id", "digest"));
    String project = Bodies.string(body, "", "project_id");
    String digest = Bodies.string(body, "", "digest");
    return JSON.objectNode().put("count", rowsOf(project, digest).size());
  }

  private List<Map.Entry<String, JsonNode>> rowsOf(String project, String digest) {
    return stores
        .forRead(project)
        .flatMap(p -> p.table(digest))
        .orElseThrow(() -> ApiError.notFound("Table " + digest + " not found"));
  }

  private static List<JsonNode> rows(JsonNode array, String at) {
    if (array == null || !array.isArray()) {
      throw ApiError.validation("list_type", at, "Input should be a valid list");
    }
    List<JsonNode> rows = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!array.get(i).isObject()) {
        throw ApiError.validation("dict_type", at + "." + i, "Input should be a valid dictionary");
      }
      rows.add(array.get(i));
    }
    return rows;
  }

  private static int index(JsonNode spec, String at, int max) {
    JsonNode i = spec.get("index");
    if (i == null || !i.canConvertToInt() || i.intValue() < 0 || i.intValue() > max) {
      throw ApiError.invalid("Invalid index at " + at + ": " + i);
    }
    return i.intValue();
  }

  private static ObjectNode answer(ProjectStore.TableRef ref, String key, List<String> digests) {
    ObjectNode out = JSON.objectNode();
    out.put("digest", ref.digest());
    digests.forEach(out.putArray(key)::add);
    return out;
  }
}
