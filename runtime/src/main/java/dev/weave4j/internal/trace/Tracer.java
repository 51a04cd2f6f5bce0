package dev.weave4j.internal.trace;

import dev.weave4j.annotations.CallDisplayName;
import dev.weave4j.annotations.InputsPostprocessor;
import dev.weave4j.annotations.OutputPostprocessor;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import dev.weave4j.internal.export.CallProcessor;
import dev.weave4j.internal.export.EndRecord;
import dev.weave4j.internal.export.JsonPart;
import dev.weave4j.internal.export.RequestRecord;
import dev.weave4j.internal.export.StartRecord;
import dev.weave4j.internal.serialize.ExceptionJson;
import dev.weave4j.internal.serialize.Redactor;
import dev.weave4j.internal.serialize.ValueSerializer;
import dev.weave4j.internal.util.CallId;
import dev.weave4j.internal.util.Timestamps;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * Internal, unstable. Starts and ends calls: builds the records on the application thread (values
 * that may change later are serialized now; strings and boxed primitives are kept for the exporter
 * thread to write, see {@link LateJson}) and hands them to the processor, which never blocks. User
 * hooks run here, guarded. Nothing here throws into the application.
 */
public final class Tracer {

  private static final JsonPart JSON_NULL = JsonPart.of("null".getBytes(StandardCharsets.UTF_8));

  private static final JsonPart SUCCESS_ONLY_JSON =
      JsonPart.of(
          "{\"status_counts\":{\"success\":1,\"error\":0}}".getBytes(StandardCharsets.UTF_8));

  private static final JsonPart ERROR_ONLY_JSON =
      JsonPart.of(
          "{\"status_counts\":{\"success\":0,\"error\":1}}".getBytes(StandardCharsets.UTF_8));

  private final String projectId;
  private final ValueSerializer serializer;
  private final Redactor redactor;
  private final CallProcessor processor;
  private final boolean printCallLink;

  private static final String SHED =
      "calls started while the queue is full are not traced; raise weave.max_queue_bytes";

  /** What {@link #admit} answers for a call to trace. */
  public static final Object TRACE = new Object();

  /** The constant scope of untraced root calls (see {@link #untraced}). */
  private final Scope unsampledRoot = new Scope(this, null);

  private final Map<String, OpDescriptor> manualOps = new ConcurrentHashMap<>();

  /**
   * @param projectId the wire project id
   * @param serializer serializes inputs, outputs and summaries
   * @param redactor redacts inputs before user hooks see them
   * @param processor receives the records
   * @param printCallLink whether root calls ask for a link to be printed
   */
  public Tracer(
      String projectId,
      ValueSerializer serializer,
      Redactor redactor,
      CallProcessor processor,
      boolean printCallLink) {
    this.projectId = projectId;
    this.serializer = serializer;
    this.redactor = redactor;
    this.processor = processor;
    this.printCallLink = printCallLink;
    unsampledRoot.context = CallContext.ROOT.withUnsampled(unsampledRoot);
  }

  /**
   * Starts a call of {@code op} with {@code args} as a child of the current call and makes it
   * current; returns the scope to pass to {@link #end}, or null when nothing is traced.
   */
  public Scope start(OpDescriptor op, Object[] args) {
    Object admitted = admit(op);
    return admitted == TRACE ? startAdmitted(op, args) : (Scope) admitted;
  }

  /**
   * Decides, before the arguments are captured, whether a call of {@code op} is traced: {@link
   * #TRACE} to go on with {@link #startAdmitted}; otherwise the scope to pass to {@link #end} (that
   * of a sampled-out call), or null when there is nothing to end.
   */
  public Object admit(OpDescriptor op) {
    CallContext context = Contexts.current();
    if (context.disabled || context.unsampled) {
      return null;
    }
    CallImpl parent = context.call;
    if (parent != null && !parent.forwarded && parent.op().forwardsTo(op)) {
      // The target of a proxy's traced method (a Spring bean behind its AOP proxy): the proxy's
      // call is this call, and whatever runs inside it is its child.
      parent.forwarded = true;
      return null;
    }
    if (context.call == null
        && op.sampleRate() < 1.0
        && ThreadLocalRandom.current().nextDouble() >= op.sampleRate()) {
      return untraced(context);
    }
    if (!processor.hasRoom()) {
      // Overloaded: drop the whole call (and what runs inside it), not half of its records.
      Diagnostics.report(Problem.QUEUE_FULL, 2, SHED, null);
      return untraced(context);
    }
    return TRACE;
  }

  /** Starts a call that {@link #admit} answered {@link #TRACE} for, on the same thread. */
  public Scope startAdmitted(OpDescriptor op, Object[] args) {
    CallContext context = Contexts.current();
    return begin(op, args, null, context, liveParent(context), null, null, true);
  }

  /**
   * Opens the scope of a sampled-out root call. With nothing else in scope (the common case) the
   * scope and its context are constants: only one can be open on a thread, since nothing nested in
   * it is traced.
   */
  private Scope untraced(CallContext context) {
    if (context == CallContext.ROOT) {
      Contexts.attach(unsampledRoot.context);
      return unsampledRoot;
    }
    Scope unsampled = new Scope(this, null);
    unsampled.context = Contexts.open(c -> c.withUnsampled(unsampled));
    return unsampled;
  }

  /**
   * The call to parent new calls under: the current one, skipping manual calls already finished on
   * another thread (their context stays on the thread that created them until dropped here).
   */
  static CallImpl liveParent(CallContext context) {
    CallImpl parent = context.call;
    if (parent == null || parent.manualScope == null || !parent.isEnded()) {
      return parent;
    }
    Contexts.close(parent.manualScope.context, false);
    while (parent != null && parent.manualScope != null && parent.isEnded()) {
      parent = parent.parent();
    }
    return parent;
  }

  /**
   * Starts a call: the shared path of ops, lambda ops and manual calls.
   *
   * @param args the op's arguments (inputs by parameter name), or null when {@code inputs} is given
   * @param inputs the inputs by name (manual calls), or null
   * @param parent the parent call, or null for a root
   * @param extraAttributes attributes merged over the scope's, or null
   * @param displayName a display name that wins over the op's, or null
   * @param push whether the call becomes current on this thread
   */
  public Scope begin(
      OpDescriptor op,
      Object[] args,
      Map<String, Object> inputs,
      CallContext context,
      CallImpl parent,
      Map<String, ?> extraAttributes,
      String displayName,
      boolean push) {
    List<PendingOptions> taken = List.of();
    String callId = null;
    Map<String, Object> attributes = context.attributes;
    if (context.hasOptions || extraAttributes != null) {
      List<PendingOptions> pending = context.hasOptions ? context.pendingOptions() : List.of();
      Map<String, Object> merged = new LinkedHashMap<>(context.attributes);
      String optionName = null;
      taken = new ArrayList<>(pending.size());
      for (int i = pending.size() - 1; i >= 0; i--) { // outermost first: inner options win
        PendingOptions o = pending.get(i);
        if (o.take()) {
          taken.add(o);
          merged.putAll(o.attributes);
          callId = o.callId != null ? o.callId : callId;
          optionName = o.displayName != null ? o.displayName : optionName;
        }
      }
      if (extraAttributes != null) {
        merged.putAll(extraAttributes);
      }
      attributes = Collections.unmodifiableMap(merged);
      displayName = displayName != null ? displayName : optionName;
    }
    long startedAt = Timestamps.nowMicros();
    long millis = startedAt / 1000;
    CallId id = callId != null ? CallId.of(callId) : CallId.uuid7(millis);
    CallId traceId = parent == null ? CallId.uuid7(millis) : parent.traceCallId();
    String threadId = context.threadId;
    String turnId = null;
    if (threadId != null) {
      boolean sameThread = parent != null && threadId.equals(parent.threadId().orElse(null));
      turnId = sameThread ? parent.turnId().orElse(id.toString()) : id.toString();
    }
    CallImpl call =
        new CallImpl(
            this, op, id, traceId, parent, args, inputs, attributes, startedAt, threadId, turnId);
    for (PendingOptions o : taken) {
      o.took(call);
    }
    String name = displayName != null ? displayName : opDisplayName(op, call);
    name = OpNames.elideDisplayName(name);
    call.initialDisplayName(name);
    boolean queued =
        processor.submit(
            new StartRecord(
                projectId,
                id,
                traceId,
                parent == null ? null : parent.callId(),
                op.opName(),
                name,
                startedAt,
                attributesJson(op, attributes),
                inputsPart(op, call),
                threadId,
                turnId,
                parent == null && printCallLink));
    if (!queued) {
      // The queue filled up since admit(): the call is not traced at all, nor what runs inside it,
      // so that no end and no child refers to a start that was never written. Its end counts as
      // dropped too: a call dropped is two records, however it is dropped.
      Diagnostics.report(Problem.QUEUE_FULL, 1, SHED, null);
      return push ? untraced(context) : new Scope(this, null);
    }
    Scope scope = new Scope(this, call);
    if (push) {
      scope.context = Contexts.enter(Contexts.current().withCall(call, scope));
    }
    return scope;
  }

  /**
   * The method of {@code scope} returned {@code returned} or threw {@code thrown}: ends the call
   * now, or, for a streaming shape ({@link OpDescriptor#returnShape()}), pops the call's context
   * and returns what the caller gets instead (a traced equivalent, or the same stage, watched),
   * leaving the call open until the values are consumed.
   */
  public Object exit(Scope scope, Object returned, Throwable thrown) {
    CallImpl call = scope.call;
    if (thrown != null
        || returned == null
        || call == null
        || !call.op().returnShape().streaming()) {
      end(scope, returned, thrown);
      return returned;
    }
    return StreamCall.exit(this, scope, call.op().returnShape(), returned);
  }

  /**
   * Ends the call of {@code scope} with {@code output} or {@code thrown} and closes its context.
   * Returns {@code output} unchanged. A non-null {@code output} is recorded even with {@code
   * thrown} (a stream that failed midway records the values so far).
   */
  public Object end(Scope scope, Object output, Throwable thrown) {
    if (scope.context != null) {
      Contexts.close(scope.context, !scope.manual);
    }
    CallImpl call = scope.call;
    if (call == null || !scope.markEnded()) {
      return output;
    }
    long endedAt = Timestamps.nowMicros();
    Map<String, Object> summary = call.end(endedAt, output, thrown);
    JsonPart outputPart = JSON_NULL;
    String exception = null;
    try {
      outputPart = thrown == null || output != null ? outputPart(call, output) : JSON_NULL;
      exception = thrown == null ? null : ExceptionJson.of(thrown);
    } finally {
      processor.submit(
          new EndRecord(
              projectId, call.callId(), endedAt, outputPart, exception, summaryJson(summary)));
      CallImpl parent = call.parent();
      if (parent != null) {
        parent.addChildSummary(summary);
      }
    }
    return output;
  }

  /**
   * Starts a manual call ({@code WeaveClient.createCall}): a child of {@code parent}, else of the
   * current call, and current on this thread until {@link #finishManual}.
   */
  public dev.weave4j.Call startManual(
      String op,
      Map<String, ?> inputs,
      dev.weave4j.Call parent,
      Map<String, ?> attributes,
      String displayName) {
    CallContext context = Contexts.current();
    if (context.disabled || context.unsampled) {
      return NoopCall.INSTANCE;
    }
    if (!processor.hasRoom()) {
      Diagnostics.report(Problem.QUEUE_FULL, 2, SHED, null);
      return NoopCall.INSTANCE;
    }
    OpDescriptor d = manualOps.computeIfAbsent(op, n -> OpDescriptor.builder(n, n).build());
    CallImpl p = parent instanceof CallImpl c ? c : liveParent(context);
    Map<String, Object> attrs = null;
    if (attributes != null) {
      attrs = new LinkedHashMap<>();
      for (Map.Entry<String, ?> e : attributes.entrySet()) {
        attrs.put(Scopes.checkAttributeKey(e.getKey()), e.getValue());
      }
    }
    Map<String, Object> in = inputs == null ? new LinkedHashMap<>() : new LinkedHashMap<>(inputs);
    Scope scope = begin(d, null, in, context, p, attrs, displayName, true);
    if (scope.call == null) { // the queue filled up: nothing is traced until it is closed
      end(scope, null, null);
      return NoopCall.INSTANCE;
    }
    scope.manual = true;
    scope.call.manualScope = scope;
    return scope.call;
  }

  /** The call handed out when nothing is traced. */
  public static dev.weave4j.Call noopCall() {
    return NoopCall.INSTANCE;
  }

  /** Ends a manual call; calls not started by {@link #startManual} are ignored. */
  public static void finishManual(dev.weave4j.Call call, Object output, Throwable error) {
    if (call instanceof CallImpl c && c.manualScope != null) {
      c.manualScope.tracer.end(c.manualScope, output, error);
    }
  }

  private JsonPart summaryJson(Map<String, Object> summary) {
    if (summary == Summaries.SUCCESS_ONLY) {
      return SUCCESS_ONLY_JSON;
    }
    if (summary == Summaries.ERROR_ONLY) {
      return ERROR_ONLY_JSON;
    }
    return JsonPart.of(serializer.toJson(summary));
  }

  /** Records a display-name change ({@code /call/update}; an empty name removes it). */
  void updateDisplayName(CallImpl call, String name) {
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("project_id", projectId);
    req.put("call_id", call.id());
    req.put("display_name", name);
    processor.submit(new RequestRecord(RequestRecord.CALL_UPDATE, serializer.toJson(req)));
  }

  private String opDisplayName(OpDescriptor op, CallImpl call) {
    HookRef<CallDisplayName> fn = op.displayNameFn();
    try {
      if (fn != null) {
        return fn.get().displayName(new RedactedCallInfo(call, redactor));
      }
      if (!op.displayNameTemplate().isEmpty()) {
        return DisplayNames.render(op.displayNameTemplate(), new RedactedCallInfo(call, redactor));
      }
    } catch (Throwable t) {
      Diagnostics.report(
          Problem.HOOK_ERROR,
          "display name of " + op.opName() + ": " + t.getClass().getName() + ": " + t.getMessage(),
          null);
    }
    return null;
  }

  /** The inputs to record: late for frozen arguments, else serialized now (values may change). */
  private JsonPart inputsPart(OpDescriptor op, CallImpl call) {
    HookRef<InputsPostprocessor> hook = op.inputsHook();
    if (hook == null) {
      Object[] args = call.args();
      if (args == null) {
        return JsonPart.of(serializer.toJson(call.inputs()));
      }
      return LateJson.inputs(serializer, op.inputFields(serializer.redactor()), args);
    }
    Object recorded;
    try {
      recorded = hook.get().apply(redactor.redact(call.inputs()));
    } catch (Throwable t) {
      recorded = Map.of("_weave_error", hookFailed("postprocessInputs", hook, t));
    }
    return JsonPart.of(serializer.toJson(recorded));
  }

  /** The output to record, as {@link #inputsPart} decides. */
  private JsonPart outputPart(CallImpl call, Object output) {
    HookRef<OutputPostprocessor> hook = call.op().outputHook();
    if (hook == null) {
      return output == null ? JSON_NULL : LateJson.value(serializer, output);
    }
    Object recorded;
    try {
      recorded = hook.get().apply(redactor.redactValue(output));
    } catch (Throwable t) {
      recorded = hookFailed("postprocessOutput", hook, t);
    }
    return JsonPart.of(serializer.toJson(recorded));
  }

  private static String hookFailed(String what, HookRef<?> hook, Throwable t) {
    String marker =
        "<"
            + what
            + " "
            + hook.className()
            + " threw "
            + t.getClass().getName()
            + ": "
            + t.getMessage()
            + ">";
    Diagnostics.report(Problem.HOOK_ERROR, marker, null);
    return marker;
  }

  private byte[] attributesJson(OpDescriptor op, Map<String, Object> user) {
    if (user.isEmpty()) {
      byte[] json = op.plainAttributesJson;
      if (json == null) { // a benign race: every thread computes the same bytes
        json = serializer.toJson(Map.of("weave", ClientInfo.weaveAttributes(op.kind())));
        op.plainAttributesJson = json;
      }
      return json;
    }
    Map<String, Object> all = new LinkedHashMap<>(user);
    all.put("weave", ClientInfo.weaveAttributes(op.kind()));
    return serializer.toJson(all);
  }

  /** A started call and the context node it opened, if any. */
  public static final class Scope {
    final Tracer tracer;
    final CallImpl call;
    private static final AtomicIntegerFieldUpdater<Scope> ENDED =
        AtomicIntegerFieldUpdater.newUpdater(Scope.class, "ended");

    @SuppressWarnings("unused") // through ENDED
    private volatile int ended;

    CallContext context;
    boolean manual;

    Scope(Tracer tracer, CallImpl call) {
      this.tracer = tracer;
      this.call = call;
    }

    /** True the first time only: a call ends once, whatever races. */
    boolean markEnded() {
      return ENDED.compareAndSet(this, 0, 1);
    }

    /** The tracer that started the call (it ends it, even after a new runtime was installed). */
    public Tracer tracer() {
      return tracer;
    }

    /** The call, or null for a sampled-out call. */
    public CallImpl call() {
      return call;
    }
  }
}
