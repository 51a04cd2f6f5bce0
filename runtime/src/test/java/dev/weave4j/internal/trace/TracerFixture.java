package dev.weave4j.internal.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weave4j.internal.export.CallProcessor;
import dev.weave4j.internal.export.CallRecord;
import dev.weave4j.internal.export.EndRecord;
import dev.weave4j.internal.export.JsonPart;
import dev.weave4j.internal.export.RequestRecord;
import dev.weave4j.internal.export.StartRecord;
import dev.weave4j.internal.serialize.Redactor;
import dev.weave4j.internal.serialize.ValueSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * A real {@link Tracer} over a processor that keeps every record it is given, and helpers that
 * drive ops through it the way the agent's advice does (start, body, end).
 */
final class TracerFixture {

  static final String PROJECT = "local/unit";
  static final ObjectMapper MAPPER = new ObjectMapper();

  final RecordingProcessor processor = new RecordingProcessor();
  final Tracer tracer;

  TracerFixture() {
    this(false);
  }

  TracerFixture(boolean printCallLink) {
    Redactor redactor = new Redactor(Set.of("api_key"));
    tracer = new Tracer(PROJECT, new ValueSerializer(redactor), redactor, processor, printCallLink);
  }

  /** A descriptor of op {@code name} with parameters {@code params}, none ignored. */
  static OpDescriptor.Builder op(String name, String... params) {
    return OpDescriptor.builder(name, name.substring(name.lastIndexOf('.') + 1))
        .parameters(List.of(params), new boolean[params.length]);
  }

  /** Runs {@code body} as a call of {@code op} with {@code args}, as the advice does. */
  <T> T run(OpDescriptor op, Object[] args, Callable<T> body) throws Exception {
    Tracer.Scope scope = tracer.start(op, args);
    T result;
    try {
      result = body.call();
    } catch (Exception | Error e) {
      if (scope != null) {
        tracer.end(scope, null, e);
      }
      throw e;
    }
    if (scope != null) {
      tracer.end(scope, result, null);
    }
    return result;
  }

  /** Runs an op that returns {@code output} after running {@code body}. */
  Object call(OpDescriptor op, Object[] args, Object output, Runnable body) {
    try {
      return run(
          op,
          args,
          () -> {
            body.run();
            return output;
          });
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a leaf op returning {@code output}. */
  Object call(OpDescriptor op, Object[] args, Object output) {
    return call(op, args, output, () -> {});
  }

  List<Start> starts() {
    return processor.records().stream()
        .filter(r -> r instanceof StartRecord)
        .map(r -> new Start((StartRecord) r))
        .collect(Collectors.toList());
  }

  List<Start> starts(String opName) {
    return starts().stream().filter(s -> s.opName().equals(opName)).collect(Collectors.toList());
  }

  /** The one start of {@code opName}. */
  Start start(String opName) {
    List<Start> found = starts(opName);
    if (found.size() != 1) {
      throw new AssertionError("expected one start of " + opName + ", found " + found.size());
    }
    return found.get(0);
  }

  List<End> ends() {
    return processor.records().stream()
        .filter(r -> r instanceof EndRecord)
        .map(r -> new End((EndRecord) r))
        .collect(Collectors.toList());
  }

  /** The end of call {@code id}. */
  End end(String id) {
    List<End> found = ends().stream().filter(e -> e.id().equals(id)).collect(Collectors.toList());
    if (found.size() != 1) {
      throw new AssertionError("expected one end of " + id + ", found " + found.size());
    }
    return found.get(0);
  }

  /** The {@code call_update} requests, parsed. */
  List<JsonNode> updates() {
    return processor.records().stream()
        .filter(r -> r instanceof RequestRecord q && q.mode().equals(RequestRecord.CALL_UPDATE))
        .map(r -> parse(((RequestRecord) r).reqJson()))
        .collect(Collectors.toList());
  }

  static JsonNode parse(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A record part as the exporter writes it (through a generator), parsed. */
  static JsonNode parse(JsonPart part) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (com.fasterxml.jackson.core.JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      part.writeTo(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parse(out.toByteArray());
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text.replace('\'', '"'));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A start record with its JSON parsed. */
  record Start(StartRecord raw) {
    String id() {
      return raw.id().toString();
    }

    String opName() {
      return raw.opName();
    }

    String displayName() {
      return raw.displayName();
    }

    String parentId() {
      return raw.parentId() == null ? null : raw.parentId().toString();
    }

    String traceId() {
      return raw.traceId().toString();
    }

    String threadId() {
      return raw.threadId();
    }

    String turnId() {
      return raw.turnId();
    }

    JsonNode inputs() {
      return parse(raw.inputs());
    }

    JsonNode attributes() {
      return parse(raw.attributesJson());
    }

    /** The attributes without the {@code weave} entry weave4j adds. */
    JsonNode userAttributes() {
      com.fasterxml.jackson.databind.node.ObjectNode a = attributes().deepCopy();
      a.remove("weave");
      return a;
    }
  }

  /** An end record with its JSON parsed. */
  record End(EndRecord raw) {
    String id() {
      return raw.id().toString();
    }

    JsonNode output() {
      return parse(raw.output());
    }

    JsonNode summary() {
      return parse(raw.summaryJson());
    }

    String exception() {
      return raw.exception();
    }
  }

  /** Keeps everything submitted. */
  static final class RecordingProcessor implements CallProcessor {
    private final List<CallRecord> records = Collections.synchronizedList(new ArrayList<>());

    /** What {@link #hasRoom} answers: false plays a full queue. */
    volatile boolean room = true;

    @Override
    public boolean hasRoom() {
      return room;
    }

    /** What {@link #submit} answers for starts: false plays a queue that fills between the two. */
    volatile boolean acceptStarts = true;

    @Override
    public boolean submit(CallRecord record) {
      if (record instanceof StartRecord && !acceptStarts) {
        return false;
      }
      records.add(record);
      return true;
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

    List<CallRecord> records() {
      synchronized (records) {
        return List.copyOf(records);
      }
    }
  }
}
