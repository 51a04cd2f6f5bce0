package dev.weave4j.internal.serialize;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Internal, unstable. Weave's exception string: JSON of type, message and traceback
 * (weave-protocol.md §2.9), plus the cause chain as nested {@code "cause": {type, message}}.
 */
public final class ExceptionJson {

  static final int MAX_FRAMES = 100;
  static final int MAX_CAUSES = 5;

  private static final String LAST_RESORT =
      "{\"type\":\"java.lang.Throwable\",\"message\":\"\",\"traceback\":[]}";

  private ExceptionJson() {}

  /** The Weave exception JSON string of {@code t}. Never throws. */
  public static String of(Throwable t) {
    try {
      StringWriter out = new StringWriter(512);
      try (JsonGenerator gen = Json.FACTORY.createGenerator(out)) {
        gen.writeStartObject();
        typeAndMessage(gen, t);
        gen.writeArrayFieldStart("traceback");
        traceback(gen, t);
        gen.writeEndArray();
        causes(gen, t);
        gen.writeEndObject();
      }
      return out.toString();
    } catch (Throwable e) {
      return LAST_RESORT;
    }
  }

  private static void typeAndMessage(JsonGenerator gen, Throwable t) throws Exception {
    gen.writeStringField("type", t == null ? "null" : Text.sanitize(t.getClass().getName()));
    gen.writeStringField("message", Text.sanitize(message(t)));
  }

  private static String message(Throwable t) {
    if (t == null) {
      return "";
    }
    try {
      String message = t.getMessage();
      return message == null ? "" : Text.cap(message);
    } catch (Throwable e) {
      return Markers.threw("getMessage", e);
    }
  }

  private static void traceback(JsonGenerator gen, Throwable t) throws Exception {
    StackTraceElement[] frames;
    try {
      frames = t == null ? null : t.getStackTrace();
    } catch (Throwable e) {
      frames = null;
    }
    if (frames == null) {
      return;
    }
    int written = 0;
    for (int i = 0; i < frames.length && written < MAX_FRAMES; i++) {
      StackTraceElement frame = frames[i];
      if (frame == null) {
        continue;
      }
      String file = frame.getFileName();
      gen.writeStartObject();
      gen.writeStringField("filename", Text.sanitize(file == null ? "Unknown Source" : file));
      gen.writeNumberField("line_number", frame.getLineNumber());
      gen.writeStringField(
          "function_name", Text.sanitize(frame.getClassName() + "." + frame.getMethodName()));
      gen.writeStringField("text", "");
      gen.writeEndObject();
      written++;
    }
  }

  /** {@code "cause": {"type", "message", "cause": {...}}}, at most 5 deep, cycle-safe. */
  private static void causes(JsonGenerator gen, Throwable t) throws Exception {
    List<Throwable> seen = new ArrayList<>();
    seen.add(t);
    Throwable current = t;
    int opened = 0;
    while (current != null && opened < MAX_CAUSES) {
      Throwable cause;
      try {
        cause = current.getCause();
      } catch (Throwable e) {
        cause = null;
      }
      if (cause == null || containsIdentical(seen, cause)) {
        break;
      }
      gen.writeObjectFieldStart("cause");
      typeAndMessage(gen, cause);
      seen.add(cause);
      current = cause;
      opened++;
    }
    for (int i = 0; i < opened; i++) {
      gen.writeEndObject();
    }
  }

  private static boolean containsIdentical(List<Throwable> list, Throwable t) {
    for (Throwable element : list) {
      if (element == t) {
        return true;
      }
    }
    return false;
  }
}
