package dev.weave4j.internal.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weave4j.internal.export.CallProcessor;
import dev.weave4j.internal.export.CallRecord;
import dev.weave4j.internal.export.EndRecord;
import dev.weave4j.internal.export.JsonPart;
import dev.weave4j.internal.export.StartRecord;
import dev.weave4j.internal.serialize.Redactor;
import dev.weave4j.internal.serialize.ValueSerializer;
import dev.weave4j.internal.trace.Tracer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A real {@link Tracer} over a processor that keeps every record, and the calls it recorded as JSON
 * (as the exporter writes them).
 */
public final class RecordedCalls implements CallProcessor {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final List<CallRecord> records = new ArrayList<>();

  /** The tracer whose calls are recorded. */
  public final Tracer tracer;

  /** A tracer that redacts {@code api_key} inputs, as the default settings do. */
  public RecordedCalls() {
    Redactor redactor = new Redactor(Set.of("api_key"));
    tracer = new Tracer("local/unit", new ValueSerializer(redactor), redactor, this, false);
  }

  /** One recorded call: its start and, once ended, its end. */
  public record Recorded(StartRecord start, EndRecord end) {
    public String opName() {
      return start.opName();
    }

    public JsonNode inputs() {
      return parse(start.inputs());
    }

    public JsonNode attributes() {
      return parse(start.attributesJson());
    }

    public JsonNode output() {
      return parse(end.output());
    }

    public JsonNode summary() {
      return parse(end.summaryJson());
    }

    public String exception() {
      return end.exception();
    }

    /** Every byte recorded for this call, as text. */
    public String allText() {
      return inputs() + " " + attributes() + " " + (end == null ? "" : output() + " " + summary());
    }
  }

  @Override
  public synchronized boolean submit(CallRecord record) {
    return records.add(record);
  }

  @Override
  public boolean flush(long timeoutMillis) {
    return true;
  }

  @Override
  public void shutdown(long timeoutMillis) {}

  @Override
  public long pending() {
    return 0;
  }

  /** The calls recorded so far, in start order. */
  public synchronized List<Recorded> calls() {
    List<Recorded> calls = new ArrayList<>();
    for (CallRecord r : records) {
      if (r instanceof StartRecord s) {
        EndRecord end = null;
        for (CallRecord e : records) {
          if (e instanceof EndRecord er && er.id().equals(s.id())) {
            end = er;
          }
        }
        calls.add(new Recorded(s, end));
      }
    }
    return calls;
  }

  /** The one call recorded, once it has ended (a stream may end it on another thread). */
  public Recorded onlyEnded() {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      List<Recorded> calls = calls();
      if (calls.size() == 1 && calls.get(0).end() != null) {
        return calls.get(0);
      }
      if (calls.size() > 1 || System.nanoTime() > deadline) {
        throw new AssertionError("expected one ended call, got " + calls);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  static JsonNode parse(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(JsonPart part) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      part.writeTo(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parse(out.toByteArray());
  }
}
