package dev.weave4j.internal.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.weave4j.internal.util.CallId;
import dev.weave4j.internal.util.Timestamps;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Internal, unstable. Writes records as Weave {@code /call/upsert_batch} items: {@code
 * {"mode":"start","req":{"start":{...}}}} and {@code {"mode":"end","req":{"end":{...}}}}. The same
 * envelope is a line of the local store and of the remote spool.
 */
public final class RecordWriter {

  private static final JsonFactory JSON = new JsonFactory();

  private RecordWriter() {}

  /**
   * Encodes a sample start and end into nothing: loads and initializes the generator, the timestamp
   * formatting and the id text, off the application's threads (see {@link Exporter#warmUp}).
   */
  public static void warmUp() throws IOException {
    CallId id = CallId.uuid7(System.currentTimeMillis());
    byte[] empty = {'{', '}'};
    JsonPart nothing = JsonPart.of(new byte[] {'n', 'u', 'l', 'l'});
    writeLines(
        List.of(
            new StartRecord("", id, id, null, "", null, 0, empty, nothing, null, null, false),
            new EndRecord("", id, 0, nothing, null, empty)),
        OutputStream.nullOutputStream());
  }

  /** Writes {@code record} as one JSON line (with the trailing newline) to {@code out}. */
  public static void writeLine(CallRecord record, OutputStream out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      write(record, g);
    }
    out.write('\n');
  }

  /** Writes {@code records} as JSON lines (each with its newline) to {@code out}, one generator. */
  public static void writeLines(Iterable<? extends CallRecord> records, OutputStream out)
      throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.setRootValueSeparator(null);
      for (CallRecord record : records) {
        write(record, g);
        g.writeRaw('\n');
      }
    }
  }

  /** Writes {@code record} as one item object. */
  public static void write(CallRecord record, JsonGenerator g) throws IOException {
    g.writeStartObject();
    if (record instanceof StartRecord s) {
      g.writeStringField("mode", "start");
      g.writeObjectFieldStart("req");
      g.writeObjectFieldStart("start");
      g.writeStringField("project_id", s.projectId());
      g.writeStringField("id", s.id().toString());
      g.writeStringField("trace_id", s.traceId().toString());
      g.writeStringField("parent_id", s.parentId() == null ? null : s.parentId().toString());
      g.writeStringField("op_name", s.opName());
      optional(g, "display_name", s.displayName());
      g.writeStringField("started_at", Timestamps.iso(s.startedAtMicros()));
      part(g, "attributes", s.attributes());
      part(g, "inputs", s.inputs());
      optional(g, "thread_id", s.threadId());
      optional(g, "turn_id", s.turnId());
    } else if (record instanceof EndRecord e) {
      g.writeStringField("mode", "end");
      g.writeObjectFieldStart("req");
      g.writeObjectFieldStart("end");
      g.writeStringField("project_id", e.projectId());
      g.writeStringField("id", e.id().toString());
      g.writeStringField("ended_at", Timestamps.iso(e.endedAtMicros()));
      part(g, "output", e.output());
      optional(g, "exception", e.exception());
      part(g, "summary", e.summary());
    } else if (record instanceof RequestRecord r) {
      g.writeStringField("mode", r.mode());
      raw(g, "req", r.reqJson());
      g.writeEndObject();
      return;
    } else if (record instanceof SpanRecord r) {
      g.writeStringField("mode", SpanRecord.MODE);
      part(g, "req", r.span());
      g.writeEndObject();
      return;
    }
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void optional(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static void part(JsonGenerator g, String name, JsonPart part) throws IOException {
    g.writeFieldName(name);
    part.writeTo(g);
  }

  private static void raw(JsonGenerator g, String name, byte[] json) throws IOException {
    g.writeFieldName(name);
    g.writeRawValue(new RawJson(json));
  }
}
