package dev.weave4j.internal.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.internal.store.StoreBatch;
import dev.weave4j.internal.util.Timestamps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code /call/upsert_batch} in one pass over the body: a streaming parser reads each item's
 * envelope and the fields validation and the call index need (inputs, outputs and attributes are
 * skipped, not built), and each item's {@code req} bytes are copied as they are into its store
 * line. Anything unusual (a syntax or validation error, duplicate keys, a body that is not UTF-8)
 * makes {@link #ingest} answer null, and the caller takes the tree path, which gives the exact
 * error answer; nothing is written before the whole body is read and valid.
 */
final class UpsertBatchIngest {

  private static final JsonFactory JSON = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Not for the fast path: the tree path answers. */
  private static final class Fallback extends Exception {
    private static final long serialVersionUID = 1L;

    Fallback() {
      super(null, null, false, false);
    }
  }

  private final ProjectStores stores;

  UpsertBatchIngest(ProjectStores stores) {
    this.stores = stores;
  }

  /**
   * Validates, writes and indexes the batch in {@code raw}.
   *
   * @return the response body, or null when the caller must take the tree path (nothing written)
   */
  byte[] ingest(byte[] raw) {
    Map<String, StoreBatch> byProject = new LinkedHashMap<>();
    ByteArrayOutputStream res = new ByteArrayOutputStream(64 + raw.length / 8);
    try (JsonParser p = JSON.createParser(raw);
        JsonGenerator g = JSON.createGenerator(res)) {
      if (p.nextToken() != JsonToken.START_OBJECT
          || p.nextToken() != JsonToken.FIELD_NAME
          || !"batch".equals(p.currentName())
          || p.nextToken() != JsonToken.START_ARRAY) {
        return null;
      }
      g.writeStartObject();
      g.writeFieldName("res");
      g.writeStartArray();
      int i = 0;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
        item(p, raw, i++, g, byProject);
      }
      if (t != JsonToken.END_ARRAY || p.nextToken() != JsonToken.END_OBJECT) {
        return null; // not an object item, or a second top-level key
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (Fallback | IOException | ApiError e) {
      return null;
    }
    byProject.forEach((project, lines) -> stores.get(project).append(lines));
    return res.toByteArray();
  }

  private void item(
      JsonParser p, byte[] raw, int i, JsonGenerator g, Map<String, StoreBatch> byProject)
      throws IOException, Fallback {
    String mode = null;
    ObjectNode req = null;
    int reqFrom = -1;
    int reqTo = -1;
    int fields = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      fields++;
      if ("mode".equals(field) && mode == null && t == JsonToken.VALUE_STRING) {
        mode = p.getText();
      } else if ("req".equals(field) && req == null && t == JsonToken.START_OBJECT) {
        reqFrom = offset(p.currentTokenLocation().getByteOffset());
        req = shallow(p, 2);
        reqTo = offset(p.currentLocation().getByteOffset());
      } else {
        throw new Fallback();
      }
    }
    if (fields != 2 || mode == null || req == null) {
      throw new Fallback();
    }
    String at = "batch." + i;
    String project;
    StoreBatch lines;
    if (mode.equals("start")) {
      Bodies.strict(req, at + ".req", Set.of("start"));
      JsonNode start = Bodies.object(req, at + ".req", "start");
      TraceApi.validateStart(start, at + ".req.start", true);
      project = start.get("project_id").textValue();
      lines = batchFor(byProject, project, raw.length);
      lines.start(
          raw,
          reqFrom,
          reqTo - reqFrom,
          start.get("id").textValue(),
          start.get("trace_id").textValue(),
          text(start, "parent_id"),
          Timestamps.parseMicros(start.get("started_at").textValue()),
          text(start, "op_name"),
          text(start, "display_name"),
          text(start, "thread_id"),
          text(start, "turn_id"));
      g.writeStartObject();
      g.writeStringField("id", start.get("id").textValue());
      g.writeStringField("trace_id", start.get("trace_id").textValue());
      g.writeEndObject();
    } else if (mode.equals("end")) {
      Bodies.strict(req, at + ".req", Set.of("end"));
      JsonNode end = Bodies.object(req, at + ".req", "end");
      TraceApi.validateEnd(end, at + ".req.end");
      project = end.get("project_id").textValue();
      lines = batchFor(byProject, project, raw.length);
      JsonNode exception = end.get("exception");
      lines.end(
          raw,
          reqFrom,
          reqTo - reqFrom,
          end.get("id").textValue(),
          Timestamps.parseMicros(end.get("ended_at").textValue()),
          exception != null && !exception.isNull());
      g.writeStartObject();
      g.writeEndObject();
    } else {
      throw new Fallback();
    }
  }

  private StoreBatch batchFor(Map<String, StoreBatch> byProject, String project, int bodyBytes) {
    StoreBatch b = byProject.get(project);
    if (b == null) {
      stores.get(project); // validates the project id before anything is written
      b = new StoreBatch(bodyBytes + bodyBytes / 8);
      byProject.put(project, b);
    }
    return b;
  }

  /**
   * The object the parser is at, {@code depth} levels deep: deeper objects and arrays are skipped
   * and stand as empty ones, scalars are kept (numbers as 0: only their type is checked). Duplicate
   * keys fall back.
   */
  private static ObjectNode shallow(JsonParser p, int depth) throws IOException, Fallback {
    ObjectNode o = NODES.objectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      JsonNode v =
          switch (t) {
            case START_OBJECT -> {
              if (depth > 1) {
                yield shallow(p, depth - 1);
              }
              p.skipChildren();
              yield NODES.objectNode();
            }
            case START_ARRAY -> {
              p.skipChildren();
              yield NODES.arrayNode();
            }
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> NODES.numberNode(0);
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new Fallback();
          };
      if (o.replace(field, v) != null) {
        throw new Fallback();
      }
    }
    return o;
  }

  private static String text(JsonNode o, String key) {
    JsonNode v = o.get(key);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  private static int offset(long byteOffset) throws Fallback {
    if (byteOffset < 0 || byteOffset > Integer.MAX_VALUE) {
      throw new Fallback(); // not a byte-based parser (e.g. a UTF-16 body)
    }
    return (int) byteOffset;
  }
}
