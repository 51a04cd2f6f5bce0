package dev.weave4j.internal.trace;

import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import dev.weave4j.internal.export.CallProcessor;
import dev.weave4j.internal.export.EndRecord;
import dev.weave4j.internal.export.StartRecord;
import dev.weave4j.internal.serialize.ExceptionJson;
import dev.weave4j.internal.serialize.ValueSerializer;
import dev.weave4j.internal.util.Ids;
import dev.weave4j.internal.util.Timestamps;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Internal, unstable. Starts and ends calls: builds the records on the application thread (values
 * are serialized now, because the app may change them later) and hands them to the processor, which
 * never blocks. Nothing here throws into the application.
 */
public final class Tracer {

  private static final byte[] JSON_NULL = "null".getBytes(StandardCharsets.UTF_8);

  private final String projectId;
  private final ValueSerializer serializer;
  private final CallProcessor processor;
  private final boolean printCallLink;
  private final Map<String, byte[]> attributesByKind = new ConcurrentHashMap<>();

  /**
   * @param projectId the wire project id
   * @param serializer serializes inputs, outputs and summaries
   * @param processor receives the records
   * @param printCallLink whether root calls ask for a link to be printed
   */
  public Tracer(
      String projectId,
      ValueSerializer serializer,
      CallProcessor processor,
      boolean printCallLink) {
    this.projectId = projectId;
    this.serializer = serializer;
    this.processor = processor;
    this.printCallLink = printCallLink;
  }

  /**
   * Starts a call of {@code op} with {@code args} as a child of the current call; returns the scope
   * to pass to {@link #end}, or null when nothing was started.
   */
  public Scope start(OpDescriptor op, Object[] args) {
    CallContext previous = Contexts.current();
    CallImpl parent = previous == null ? null : previous.call;
    String id = Ids.uuid7();
    String traceId = parent == null ? Ids.uuid7() : parent.traceId();
    long startedAt = Timestamps.nowMicros();
    Map<String, Object> inputs = op.bindInputs(args);
    byte[] inputsJson = serializer.toJson(inputs);
    CallImpl call = new CallImpl(op, id, traceId, parent, inputs, Map.of(), startedAt);
    processor.submit(
        new StartRecord(
            projectId,
            id,
            traceId,
            parent == null ? null : parent.id(),
            op.opName(),
            null,
            startedAt,
            attributesJson(op.kind()),
            inputsJson,
            null,
            null,
            parent == null && printCallLink));
    CallContext context = new CallContext(call, previous);
    Contexts.swap(context);
    return new Scope(this, call, context, previous);
  }

  /**
   * Ends the call of {@code scope} with {@code output} or {@code thrown} and restores the context
   * it was started in. Returns {@code output} unchanged.
   */
  public Object end(Scope scope, Object output, Throwable thrown) {
    CallContext replaced = Contexts.swap(scope.previous);
    if (replaced != scope.context) {
      Diagnostics.report(
          Problem.CONTEXT_MISMATCH, "ending " + scope.call + " on " + Thread.currentThread(), null);
    }
    CallImpl call = scope.call;
    long endedAt = Timestamps.nowMicros();
    Map<String, Object> summary = call.end(endedAt, output, thrown);
    byte[] outputJson = thrown == null ? serializer.toJson(output) : JSON_NULL;
    String exception = thrown == null ? null : ExceptionJson.of(thrown);
    processor.submit(
        new EndRecord(
            projectId, call.id(), endedAt, outputJson, exception, serializer.toJson(summary)));
    CallImpl parent = call.parent();
    if (parent != null) {
      parent.addChildSummary(summary);
    }
    return output;
  }

  private byte[] attributesJson(String kind) {
    byte[] json = attributesByKind.get(kind);
    if (json == null) {
      json = serializer.toJson(Map.of("weave", ClientInfo.weaveAttributes(kind)));
      attributesByKind.put(kind, json);
    }
    return json;
  }

  /** A started call and the contexts to check and restore when it ends. */
  public static final class Scope {
    final Tracer tracer;
    final CallImpl call;
    final CallContext context;
    final CallContext previous;

    Scope(Tracer tracer, CallImpl call, CallContext context, CallContext previous) {
      this.tracer = tracer;
      this.call = call;
      this.context = context;
      this.previous = previous;
    }

    /** The tracer that started the call (it ends it, even after a new runtime was installed). */
    public Tracer tracer() {
      return tracer;
    }
  }
}
