package dev.weave4j.internal.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.weave4j.internal.store.StoreBatch;
import dev.weave4j.internal.util.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /call/upsert_batch} in one pass over the body: a streaming parser reads each item's
 * envelope ({@code mode} first, as clients write it) and, with {@link ReqFields}, only the fields
 * validation and the call index need (no tree is built; inputs, outputs and attributes are
 * skipped), and each item's {@code req} bytes are copied as they are into its store line. Anything
 * unusual (a syntax or validation error, duplicate keys, a body that is not UTF-8) makes {@link
 * #ingest} answer null, and the caller takes the tree path, which gives the exact error answer;
 * nothing is written before the whole body is read and valid.
 */
final class UpsertBatchIngest {

  private static final JsonFactory JSON = JsonMapper.forBoundedInput().getFactory();

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
   * Validates, writes and indexes the batch in {@code raw} (whose bytes between items may then be
   * changed: it is the request's, used once).
   *
   * @return the response body, or null when the caller must take the tree path (nothing written)
   */
  byte[] ingest(byte[] raw) {
    Map<String, StoreBatch> byProject = new LinkedHashMap<>();
    // About 100 bytes an ended call, 700 in: room enough for the answer without growing.
    ByteArrayOutputStream res = new ByteArrayOutputStream(64 + raw.length / 5);
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
      ReqFields fields = new ReqFields();
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
        item(p, raw, g, byProject, fields);
      }
      if (t != JsonToken.END_ARRAY || p.nextToken() != JsonToken.END_OBJECT) {
        return null; // not an object item, or a second top-level key
      }
      g.writeEndArray();
      g.writeEndObject();
      if (p.currentLocation().getLineNr() == 1) {
        // The parser counts CR and LF between tokens; anywhere else they are invalid JSON.
        byProject.values().forEach(StoreBatch::sourceHasNoLineBreaks);
      }
    } catch (Fallback | IOException | ApiError e) {
      return null;
    }
    byProject.forEach((project, lines) -> stores.get(project).append(lines));
    return res.toByteArray();
  }

  private void item(
      JsonParser p, byte[] raw, JsonGenerator g, Map<String, StoreBatch> byProject, ReqFields f)
      throws IOException, Fallback {
    if (p.nextToken() != JsonToken.FIELD_NAME
        || !"mode".equals(p.currentName())
        || p.nextToken() != JsonToken.VALUE_STRING) {
      throw new Fallback(); // "req" first (or no mode): the tree path answers
    }
    String mode = p.getText();
    if (p.nextToken() != JsonToken.FIELD_NAME
        || !"req".equals(p.currentName())
        || p.nextToken() != JsonToken.START_OBJECT) {
      throw new Fallback();
    }
    int reqFrom = offset(p.currentTokenLocation().getByteOffset());
    boolean start = mode.equals("start");
    if (!(start ? f.readStart(p) : mode.equals("end") && f.readEnd(p))) {
      throw new Fallback();
    }
    int reqTo = offset(p.currentLocation().getByteOffset());
    if (reqTo - reqFrom > ValueLimits.MAX_CALL_BYTES) {
      throw new Fallback(); // the tree path bounds its values
    }
    if (p.nextToken() != JsonToken.END_OBJECT) {
      throw new Fallback(); // a third key, or a second mode
    }
    StoreBatch lines = batchFor(byProject, f.projectId, raw);
    g.writeStartObject();
    if (start) {
      lines.start(
          reqFrom,
          reqTo - reqFrom,
          f.id,
          f.traceId,
          f.parentId,
          f.micros,
          f.opName,
          f.displayName,
          f.threadId,
          f.turnId);
      g.writeStringField("id", f.id);
      g.writeStringField("trace_id", f.traceId);
    } else {
      lines.end(reqFrom, reqTo - reqFrom, f.id, f.micros, f.hasException);
    }
    g.writeEndObject();
  }

  private StoreBatch batchFor(Map<String, StoreBatch> byProject, String project, byte[] raw) {
    StoreBatch b = byProject.get(project);
    if (b == null) {
      stores.get(project); // validates the project id before anything is written
      b = new StoreBatch(raw);
      byProject.put(project, b);
    }
    return b;
  }

  private static int offset(long byteOffset) throws Fallback {
    if (byteOffset < 0 || byteOffset > Integer.MAX_VALUE) {
      throw new Fallback(); // not a byte-based parser (e.g. a UTF-16 body)
    }
    return (int) byteOffset;
  }
}
