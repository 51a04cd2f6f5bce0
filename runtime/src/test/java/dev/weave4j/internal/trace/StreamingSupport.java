package dev.weave4j.internal.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weave4j.annotations.Accumulator;
import dev.weave4j.internal.export.CallRecord;
import dev.weave4j.internal.export.EndRecord;
import dev.weave4j.internal.export.StartRecord;
import dev.weave4j.internal.serialize.Redactor;
import dev.weave4j.internal.serialize.ValueSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A tracer over an in-memory processor, and ops run as the agent's advice runs them: {@code
 * tracer.start} on entry, {@code tracer.exit} on return (which may replace the returned value).
 */
final class StreamingSupport {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private final TracerFixture.RecordingProcessor processor = new TracerFixture.RecordingProcessor();
  final Tracer tracer =
      new Tracer(
          "local/test", new ValueSerializer(Set.of()), new Redactor(Set.of()), processor, false);

  /** A recorded call: its start, and its ends (a correct run has exactly one). */
  record Rec(StartRecord start, List<EndRecord> ends) {
    String opName() {
      return start.opName();
    }

    String parentId() {
      return start.parentId() == null ? null : start.parentId().toString();
    }

    String id() {
      return start.id().toString();
    }

    boolean ended() {
      return !ends.isEmpty();
    }

    EndRecord end() {
      if (ends.size() != 1) {
        throw new AssertionError(opName() + " has " + ends.size() + " ends");
      }
      return ends.get(0);
    }

    JsonNode output() {
      return TracerFixture.parse(end().output());
    }

    JsonNode exception() {
      String e = end().exception();
      return e == null ? null : json(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text.replace('\'', '"'));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code body} as op {@code name} of {@code shape}; returns what the caller gets. */
  <T> T op(String name, ReturnShape shape, Supplier<T> body) {
    return op(name, shape, null, body);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  <T> T op(String name, ReturnShape shape, Accumulator accumulator, Supplier<T> body) {
    OpDescriptor op =
        OpDescriptor.builder(name, name)
            .returnShape(shape)
            .accumulator(accumulator == null ? null : HookRef.of(accumulator, Accumulator.class))
            .build();
    Tracer.Scope scope = tracer.start(op, new Object[0]);
    T result;
    try {
      result = body.get();
    } catch (RuntimeException | Error e) {
      tracer.exit(scope, null, e);
      throw e;
    }
    return (T) tracer.exit(scope, result, null);
  }

  /** A plain op. */
  <T> T plain(String name, Supplier<T> body) {
    return op(name, ReturnShape.PLAIN, body);
  }

  List<Rec> calls() {
    List<Rec> out = new ArrayList<>();
    List<CallRecord> records = processor.records();
    for (CallRecord r : records) {
      if (r instanceof StartRecord s) {
        List<EndRecord> ends =
            records.stream()
                .filter(e -> e instanceof EndRecord end && end.id().equals(s.id()))
                .map(e -> (EndRecord) e)
                .collect(Collectors.toList());
        out.add(new Rec(s, ends));
      }
    }
    return out;
  }

  List<Rec> calls(String opName) {
    return calls().stream().filter(c -> c.opName().equals(opName)).collect(Collectors.toList());
  }

  Rec call(String opName) {
    List<Rec> found = calls(opName);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + opName + ", found " + found.size());
    }
    return found.get(0);
  }

  List<String> childOps(Rec parent) {
    return calls().stream()
        .filter(c -> parent.id().equals(c.parentId()))
        .map(Rec::opName)
        .collect(Collectors.toList());
  }

  /** Collects garbage until {@code condition} holds (bounded: about 10 s). */
  static boolean gcUntil(BooleanSupplier condition) {
    for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }
}
