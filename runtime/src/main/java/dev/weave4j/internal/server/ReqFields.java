package dev.weave4j.internal.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.weave4j.internal.util.Timestamps;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one upsert item's {@code req.start} or {@code req.end} that validation and the call
 * index need, read straight from the parser without building a tree: strings are made only for the
 * fields kept, and repeated ones (project, op name, thread, turn) come from a small cache. It
 * accepts only what the tree path would accept as it is; anything else (a missing or mistyped
 * field, a duplicate key, an extra key beside {@code start}/{@code end}) answers false, and the
 * tree path gives the exact error. Reused from item to item; not thread-safe.
 */
final class ReqFields {

  /** Kinds of a field's value; NONE when absent. */
  private static final int NONE = 0;

  private static final int STRING = 1;
  private static final int OBJECT = 2;
  private static final int NULL = 3;
  private static final int OTHER = 4;

  private final TextCache cache = new TextCache();
  private final List<String> others = new ArrayList<>();

  String projectId;
  String id;
  String traceId;
  String parentId;
  String opName;
  String displayName;
  String threadId;
  String turnId;
  long micros;
  boolean hasException;

  private int projectKind;
  private int idKind;
  private int traceKind;
  private int parentKind;
  private int opKind;
  private int displayKind;
  private int threadKind;
  private int turnKind;
  private int timeKind;
  private String time;
  private int attributesKind;
  private int inputsKind;
  private int summaryKind;
  private int exceptionKind;

  /**
   * Reads {@code req} (the parser is at its START_OBJECT) of a start item; true when it is valid.
   */
  boolean readStart(JsonParser p) throws IOException {
    return read(p, "start") && readStartFields(p);
  }

  /** Reads {@code req} of an end item; true when it is valid. */
  boolean readEnd(JsonParser p) throws IOException {
    return read(p, "end") && readEndFields(p);
  }

  private boolean read(JsonParser p, String key) throws IOException {
    reset();
    return p.nextToken() == JsonToken.FIELD_NAME
        && key.equals(p.currentName())
        && p.nextToken() == JsonToken.START_OBJECT;
  }

  private boolean readStartFields(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      boolean fresh =
          switch (field) {
            case "project_id" -> projectKind == NONE && (projectKind = project(p, t)) != NONE;
            case "id" -> idKind == NONE && (idKind = unique(p, t, 0)) != NONE;
            case "trace_id" -> traceKind == NONE && (traceKind = unique(p, t, 1)) != NONE;
            case "parent_id" -> parentKind == NONE && (parentKind = unique(p, t, 2)) != NONE;
            case "op_name" -> opKind == NONE && (opKind = cached(p, t, 0)) != NONE;
            case "display_name" -> displayKind == NONE && (displayKind = unique(p, t, 3)) != NONE;
            case "thread_id" -> threadKind == NONE && (threadKind = cached(p, t, 1)) != NONE;
            case "turn_id" -> turnKind == NONE && (turnKind = cached(p, t, 2)) != NONE;
            case "started_at" -> timeKind == NONE && (timeKind = time(p, t)) != NONE;
            case "attributes" -> attributesKind == NONE && (attributesKind = skip(p, t)) != NONE;
            case "inputs" -> inputsKind == NONE && (inputsKind = skip(p, t)) != NONE;
            default -> other(p, t, field);
          };
      if (!fresh) {
        return false;
      }
    }
    return p.nextToken() == JsonToken.END_OBJECT // nothing beside "start" in req
        && projectKind == STRING
        && opKind == STRING
        && timeKind == STRING
        && (micros = Timestamps.parseMicros(time)) >= 0
        && attributesKind == OBJECT
        && inputsKind == OBJECT
        && idKind == STRING
        && traceKind == STRING
        && optionalString(parentKind)
        && optionalString(displayKind)
        && RequestIds.isUuid(id)
        && RequestIds.isUuid(traceId)
        && (parentId == null || RequestIds.isUuid(parentId))
        && RequestIds.displayNameFits(displayName);
  }

  private boolean readEndFields(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      boolean fresh =
          switch (field) {
            case "project_id" -> projectKind == NONE && (projectKind = project(p, t)) != NONE;
            case "id" -> idKind == NONE && (idKind = unique(p, t, 0)) != NONE;
            case "ended_at" -> timeKind == NONE && (timeKind = time(p, t)) != NONE;
            case "summary" -> summaryKind == NONE && (summaryKind = skip(p, t)) != NONE;
            case "exception" -> exceptionKind == NONE && (exceptionKind = skip(p, t)) != NONE;
            default -> other(p, t, field);
          };
      if (!fresh) {
        return false;
      }
    }
    hasException = exceptionKind != NONE && exceptionKind != NULL;
    return p.nextToken() == JsonToken.END_OBJECT
        && projectKind == STRING
        && idKind == STRING
        && timeKind == STRING
        && (micros = Timestamps.parseMicros(time)) >= 0
        && summaryKind == OBJECT
        && RequestIds.isUuid(id)
        && optionalString(exceptionKind);
  }

  private static boolean optionalString(int kind) {
    return kind == NONE || kind == NULL || kind == STRING;
  }

  private void reset() {
    projectId = id = traceId = parentId = opName = displayName = threadId = turnId = time = null;
    projectKind = idKind = traceKind = parentKind = opKind = displayKind = NONE;
    threadKind = turnKind = timeKind = attributesKind = inputsKind = summaryKind = NONE;
    exceptionKind = NONE;
    micros = -1;
    hasException = false;
    others.clear();
  }

  /** A field no one reads: skipped, but a duplicate key still falls back. */
  private boolean other(JsonParser p, JsonToken t, String field) throws IOException {
    if (others.contains(field)) {
      return false;
    }
    others.add(field);
    return skip(p, t) != NONE;
  }

  private int project(JsonParser p, JsonToken t) throws IOException {
    int kind = skip(p, t);
    if (kind == STRING) {
      projectId = cache.get(p, 3);
    }
    return kind;
  }

  private int cached(JsonParser p, JsonToken t, int slot) throws IOException {
    int kind = skip(p, t);
    if (kind == STRING) {
      String s = cache.get(p, slot);
      switch (slot) {
        case 0 -> opName = s;
        case 1 -> threadId = s;
        default -> turnId = s;
      }
    }
    return kind;
  }

  private int unique(JsonParser p, JsonToken t, int slot) throws IOException {
    int kind = skip(p, t);
    if (kind == STRING) {
      String s = p.getText();
      switch (slot) {
        case 0 -> id = s;
        case 1 -> traceId = s;
        case 2 -> parentId = s;
        default -> displayName = s;
      }
    }
    return kind;
  }

  private int time(JsonParser p, JsonToken t) throws IOException {
    int kind = skip(p, t);
    if (kind == STRING) {
      time = p.getText();
    }
    return kind;
  }

  /** The kind of the value the parser is at; objects and arrays are skipped. NONE: unexpected. */
  private static int skip(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT:
        p.skipChildren();
        return OBJECT;
      case START_ARRAY:
        p.skipChildren();
        return OTHER;
      case VALUE_STRING:
        return STRING;
      case VALUE_NULL:
        return NULL;
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
      case VALUE_TRUE:
      case VALUE_FALSE:
        return OTHER;
      default:
        return NONE;
    }
  }
}
