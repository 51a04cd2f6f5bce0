package dev.weave4j.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.internal.store.ProjectStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The object reads the Weave SDKs make besides {@code /obj/read}: {@code /objs/query} (object
 * versions by id, class and latest) and {@code /refs/read_batch} (the values behind {@code
 * weave:///} refs, down their {@code /attr/}, {@code /key/} and {@code /index/} path segments).
 */
final class ObjectsApi {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final int MAX_REFS = 1000;

  private final ProjectStores stores;

  ObjectsApi(ProjectStores stores) {
    this.stores = stores;
  }

  /** {@code ObjQueryReq} → {@code {"objs": [ObjSchema...]}}. */
  JsonNode objsQuery(JsonNode body) {
    Bodies.strict(
        body,
        "",
        Set.of(
            "project_id",
            "filter",
            "limit",
            "offset",
            "sort_by",
            "metadata_only",
            "include_storage_size"));
    String project = Bodies.string(body, "", "project_id");
    JsonNode filter = body.path("filter");
    Set<String> ids = strings(filter.get("object_ids"));
    Set<String> classes = strings(filter.get("base_object_classes"));
    boolean latestOnly = filter.path("latest_only").asBoolean(false);
    JsonNode isOp = filter.get("is_op");
    int offset = Bodies.optionalNonNegative(body, "", "offset", 0);
    int limit = Bodies.optionalNonNegative(body, "", "limit", Integer.MAX_VALUE);
    boolean metadataOnly = body.path("metadata_only").asBoolean(false);
    List<ObjectNode> rows = new ArrayList<>();
    for (ObjectNode o :
        stores.forRead(project).map(ProjectStore::objectVersions).orElse(List.of())) {
      if ((ids == null || ids.contains(o.path("object_id").asText()))
          && (classes == null || classes.contains(o.path("base_object_class").asText()))
          && (!latestOnly || o.path("is_latest").asInt() == 1)
          && (isOp == null || isOp.isNull() || isOp.asBoolean() == "op".equals(kind(o)))) {
        rows.add(o);
      }
    }
    JsonNode sortBy = body.get("sort_by");
    if (sortBy != null && sortBy.isArray() && !sortBy.isEmpty()) {
      Comparator<ObjectNode> c = null;
      for (JsonNode s : sortBy) {
        String field = s.path("field").asText();
        Comparator<ObjectNode> one = Comparator.comparing(o -> o.path(field).asText());
        if ("desc".equals(s.path("direction").asText())) {
          one = one.reversed();
        }
        c = c == null ? one : c.thenComparing(one);
      }
      rows.sort(c);
    }
    ArrayNode objs = JSON.arrayNode();
    for (int i = offset; i < rows.size() && objs.size() < limit; i++) {
      ObjectNode o = rows.get(i);
      if (metadataOnly) {
        o.putObject("val");
      }
      objs.add(o);
    }
    ObjectNode out = JSON.objectNode();
    out.set("objs", objs);
    return out;
  }

  /** {@code {"refs": [...]}} → {@code {"vals": [...]}}, null for a ref that leads nowhere. */
  JsonNode refsReadBatch(JsonNode body) {
    Bodies.strict(body, "", Set.of("refs"));
    JsonNode refs = body.get("refs");
    if (refs == null || !refs.isArray()) {
      throw Bodies.missing("", "refs");
    }
    if (refs.size() > MAX_REFS) {
      throw ApiError.reason(413, "Cannot read more than " + MAX_REFS + " refs at once");
    }
    ArrayNode vals = JSON.arrayNode();
    for (int i = 0; i < refs.size(); i++) {
      JsonNode ref = refs.get(i);
      if (!ref.isTextual()) {
        throw ApiError.validation("string_type", "refs." + i, "Input should be a valid string");
      }
      vals.add(read(ref.textValue()).orElse(JSON.nullNode()));
    }
    ObjectNode out = JSON.objectNode();
    out.set("vals", vals);
    return out;
  }

  /** {@code weave:///<entity>/<project>/(object|op)/<name>:<digest>[/<kind>/<key>...]}. */
  private Optional<JsonNode> read(String ref) {
    if (!ref.startsWith("weave:///")) {
      throw ApiError.invalid("Invalid ref: " + ref);
    }
    String[] parts = ref.substring("weave:///".length()).split("/", -1);
    if (parts.length < 4 || !(parts[2].equals("object") || parts[2].equals("op"))) {
      throw ApiError.invalid("Invalid ref (object and op refs are read): " + ref);
    }
    int colon = parts[3].lastIndexOf(':');
    if (colon < 0 || (parts.length - 4) % 2 != 0) {
      throw ApiError.invalid("Invalid ref: " + ref);
    }
    String name = decode(parts[3].substring(0, colon));
    String digest = parts[3].substring(colon + 1);
    Optional<JsonNode> val =
        stores
            .forRead(parts[0] + "/" + parts[1])
            .flatMap(p -> p.readObject(name, digest))
            .map(o -> o.get("val"));
    for (int i = 4; i + 1 < parts.length && val.isPresent(); i += 2) {
      String kind = parts[i];
      String key = decode(parts[i + 1]);
      JsonNode v = val.get();
      Optional<JsonNode> rows =
          v.isTextual() ? tableRows(v.textValue()) : Optional.empty(); // e.g. a Dataset's rows
      if (rows.isPresent()) {
        val =
            switch (kind) {
              case "index" -> index(rows.get(), key).map(r -> r.get("val"));
              case "id" -> rowById(rows.get(), key);
              default -> Optional.empty();
            };
      } else {
        val =
            switch (kind) {
              case "attr", "key" -> Optional.ofNullable(v.get(key));
              case "index" -> index(v, key);
              default -> Optional.empty();
            };
      }
    }
    return val;
  }

  /** The rows of {@code weave:///<entity>/<project>/table/<digest>}, keyed "digest" and "val". */
  private Optional<JsonNode> tableRows(String ref) {
    String[] parts = ref.substring(Math.min(ref.length(), "weave:///".length())).split("/", -1);
    if (!ref.startsWith("weave:///") || parts.length != 4 || !parts[2].equals("table")) {
      return Optional.empty();
    }
    return stores
        .forRead(parts[0] + "/" + parts[1])
        .flatMap(p -> p.table(parts[3]))
        .map(
            rows -> {
              ArrayNode out = JSON.arrayNode();
              rows.forEach(r -> out.addObject().put("digest", r.getKey()).set("val", r.getValue()));
              return out;
            });
  }

  private static Optional<JsonNode> rowById(JsonNode rows, String digest) {
    for (JsonNode r : rows) {
      if (digest.equals(r.path("digest").asText())) {
        return Optional.of(r.get("val"));
      }
    }
    return Optional.empty();
  }

  private static Optional<JsonNode> index(JsonNode v, String key) {
    try {
      return Optional.ofNullable(v.get(Integer.parseInt(key)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String kind(ObjectNode o) {
    return o.path("kind").asText();
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static Set<String> strings(JsonNode array) {
    if (array == null || !array.isArray()) {
      return null;
    }
    Set<String> out = new HashSet<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
