package dev.weave4j.internal.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.weave4j.internal.util.Timestamps;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one store line with a streaming parser, keeping only the fields the index needs and
 * skipping inputs, outputs and attributes without building them. The whole line is still checked to
 * be one well-formed JSON object.
 */
final class StoreRecordParser {

  /** A line that is not a well-formed store record. */
  static final class MalformedRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedRecordException(String message) {
      super(message);
    }
  }

  private final JsonFactory factory;

  StoreRecordParser(JsonFactory factory) {
    this.factory = factory;
  }

  /** Fields of interest inside {@code req}, whatever the mode. */
  private static final class Req {
    String startId;
    String traceId;
    String parentId;
    String startedAt;
    String opName;
    String startDisplayName;
    String threadId;
    String turnId;
    boolean hasStart;
    String endId;
    String endedAt;
    boolean hasException;
    boolean hasEnd;
    String callId;
    boolean hasDisplayName;
    String displayName;
    List<String> callIds;
  }

  StoreRecord parse(byte[] buf, int off, int len) throws MalformedRecordException {
    String mode = null;
    Req req = null;
    try (JsonParser p = factory.createParser(buf, off, len)) {
      expect(p.nextToken() == JsonToken.START_OBJECT, "not a JSON object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if ("mode".equals(field) && t == JsonToken.VALUE_STRING) {
          mode = p.getText();
        } else if ("req".equals(field) && t == JsonToken.START_OBJECT) {
          req = readReq(p);
        } else {
          p.skipChildren();
        }
      }
      expect(p.nextToken() == null, "trailing content after the JSON object");
    } catch (IOException e) {
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new MalformedRecordException("invalid JSON: " + why);
    }
    expect(mode != null, "no mode");
    expect(req != null, "no req object");
    switch (mode) {
      case "start":
        expect(req.hasStart && req.startId != null, "start without id");
        expect(req.traceId != null, "start without trace_id");
        long micros = Timestamps.parseMicros(req.startedAt);
        expect(micros >= 0, "start without a valid started_at");
        return new StoreRecord.Start(
            req.startId,
            req.traceId,
            req.parentId,
            micros,
            req.opName,
            req.startDisplayName,
            req.threadId,
            req.turnId);
      case "end":
        expect(req.hasEnd && req.endId != null, "end without id");
        return new StoreRecord.End(
            req.endId, Timestamps.parseMicros(req.endedAt), req.hasException);
      case "call_update":
        expect(req.callId != null, "call_update without call_id");
        return req.hasDisplayName
            ? new StoreRecord.DisplayNameUpdate(req.callId, req.displayName)
            : new StoreRecord.Other(mode);
      case "calls_delete":
        expect(req.callIds != null, "calls_delete without call_ids");
        return new StoreRecord.Delete(List.copyOf(req.callIds));
      default:
        return new StoreRecord.Other(mode);
    }
  }

  private static Req readReq(JsonParser p) throws IOException {
    Req r = new Req();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "start":
          if (t == JsonToken.START_OBJECT) {
            r.hasStart = true;
            readStart(p, r);
          } else {
            p.skipChildren();
          }
          break;
        case "end":
          if (t == JsonToken.START_OBJECT) {
            r.hasEnd = true;
            readEnd(p, r);
          } else {
            p.skipChildren();
          }
          break;
        case "call_id":
          r.callId = text(p, t);
          break;
        case "display_name":
          r.hasDisplayName = true;
          r.displayName = text(p, t);
          break;
        case "call_ids":
          if (t == JsonToken.START_ARRAY) {
            r.callIds = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
              if (p.currentToken() == JsonToken.VALUE_STRING) {
                r.callIds.add(p.getText());
              } else {
                p.skipChildren();
              }
            }
          } else {
            p.skipChildren();
          }
          break;
        default:
          p.skipChildren();
      }
    }
    return r;
  }

  private static void readStart(JsonParser p, Req r) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "id" -> r.startId = text(p, t);
        case "trace_id" -> r.traceId = text(p, t);
        case "parent_id" -> r.parentId = text(p, t);
        case "started_at" -> r.startedAt = text(p, t);
        case "op_name" -> r.opName = text(p, t);
        case "display_name" -> r.startDisplayName = text(p, t);
        case "thread_id" -> r.threadId = text(p, t);
        case "turn_id" -> r.turnId = text(p, t);
        default -> p.skipChildren();
      }
    }
  }

  private static void readEnd(JsonParser p, Req r) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "id" -> r.endId = text(p, t);
        case "ended_at" -> r.endedAt = text(p, t);
        case "exception" -> {
          r.hasException = t != JsonToken.VALUE_NULL;
          p.skipChildren();
        }
        default -> p.skipChildren();
      }
    }
  }

  private static String text(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    p.skipChildren();
    return null;
  }

  private static void expect(boolean ok, String problem) throws MalformedRecordException {
    if (!ok) {
      throw new MalformedRecordException(problem);
    }
  }
}
