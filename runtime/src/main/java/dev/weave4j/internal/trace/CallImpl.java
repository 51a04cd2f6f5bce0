package dev.weave4j.internal.trace;

import dev.weave4j.Call;
import dev.weave4j.CallFeedback;
import dev.weave4j.internal.WeaveRuntime;
import dev.weave4j.internal.util.CallId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Internal, unstable. A call as the tracer keeps it while it runs. */
public final class CallImpl implements Call {

  private final Tracer tracer;
  private final OpDescriptor op;
  private final CallId id;
  private final CallId traceId;
  private final CallImpl parent;

  /** The op's arguments, from which {@link #inputs()} is bound on first use; null for a map. */
  private final Object[] args;

  private volatile Map<String, Object> inputs;
  private final Map<String, Object> attributes;
  private final long startedAtMicros;
  private final String threadId;
  private final String turnId;
  private volatile String displayName;

  /** The scope of a manual call (createCall), ended by finishCall. */
  volatile Tracer.Scope manualScope;

  /**
   * For the call of a proxy's method: set when the call of the target it forwards to began (and was
   * folded into this one), so that the target's own recursive calls are recorded as calls again.
   */
  volatile boolean forwarded;

  private volatile Map<String, Object> userSummary;

  /**
   * Usage an integration read from the response of a framework's LLM call ({@link LlmCall#usage}):
   * counted only when no descendant reported usage of its own (the SDK call the framework made,
   * itself traced), so that every parent counts the tokens once.
   */
  private volatile Map<String, Object> ownUsage;

  private final Object childLock = new Object();

  /** Written under {@code childLock}; volatile so that a leaf's end can check it without it. */
  private volatile Map<String, Object> childSummaries;

  private volatile long endedAtMicros = -1;
  private volatile Object output;
  private volatile Throwable exception;

  CallImpl(
      Tracer tracer,
      OpDescriptor op,
      CallId id,
      CallId traceId,
      CallImpl parent,
      Object[] args,
      Map<String, Object> inputs,
      Map<String, Object> attributes,
      long startedAtMicros,
      String threadId,
      String turnId) {
    this.tracer = tracer;
    this.op = op;
    this.id = id;
    this.traceId = traceId;
    this.parent = parent;
    this.args = args;
    this.inputs = inputs == null ? null : Collections.unmodifiableMap(inputs);
    this.attributes = attributes;
    this.startedAtMicros = startedAtMicros;
    this.threadId = threadId;
    this.turnId = turnId;
  }

  @Override
  public String id() {
    return id.toString();
  }

  /** The id, formatted only when asked. */
  CallId callId() {
    return id;
  }

  @Override
  public String traceId() {
    return traceId.toString();
  }

  /** The trace id, formatted only when asked (shared by every call of the trace). */
  CallId traceCallId() {
    return traceId;
  }

  @Override
  public String parentId() {
    return parent == null ? null : parent.id();
  }

  CallImpl parent() {
    return parent;
  }

  OpDescriptor op() {
    return op;
  }

  /** True once the call has ended. */
  boolean isEnded() {
    return endedAtMicros >= 0;
  }

  @Override
  public String opName() {
    return op.opName();
  }

  @Override
  public String funcName() {
    return op.funcName();
  }

  @Override
  public Map<String, Object> inputs() {
    Map<String, Object> m = inputs;
    if (m == null) { // bound on first use: most calls only serialize their arguments
      m = Collections.unmodifiableMap(op.bindInputs(args));
      inputs = m; // a benign race: every thread binds the same values
    }
    return m;
  }

  /** The op's arguments when the inputs were not given as a map (then read them from here). */
  Object[] args() {
    return args;
  }

  @Override
  public Map<String, Object> attributes() {
    return attributes;
  }

  @Override
  public Optional<String> displayName() {
    return Optional.ofNullable(displayName);
  }

  /** Sets the name the call starts with (no update record). */
  void initialDisplayName(String name) {
    this.displayName = name;
  }

  @Override
  public Optional<String> threadId() {
    return Optional.ofNullable(threadId);
  }

  @Override
  public Optional<String> turnId() {
    return Optional.ofNullable(turnId);
  }

  @Override
  public void setDisplayName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(
          "display name must not be empty; use removeDisplayName() to remove it");
    }
    String elided = OpNames.elideDisplayName(name);
    this.displayName = elided;
    tracer.updateDisplayName(this, elided);
  }

  @Override
  public void removeDisplayName() {
    this.displayName = null;
    tracer.updateDisplayName(this, "");
  }

  @Override
  public List<Call> children() {
    WeaveRuntime r = WeaveRuntime.active();
    return r == null ? List.of() : r.calls().children(id());
  }

  @Override
  public void delete() {
    WeaveRuntime r = WeaveRuntime.active();
    if (r != null) {
      r.calls().deleteCalls(List.of(id()));
    }
  }

  @Override
  public CallFeedback feedback() {
    WeaveRuntime r = WeaveRuntime.active();
    return r == null ? NoopCall.NO_FEEDBACK : r.calls().feedback(id());
  }

  @Override
  public Optional<String> uiUrl() {
    WeaveRuntime r = WeaveRuntime.active();
    return r == null ? Optional.empty() : r.uiUrl(id());
  }

  @Override
  public Instant startedAt() {
    return toInstant(startedAtMicros);
  }

  @Override
  public Optional<Instant> endedAt() {
    long ended = endedAtMicros;
    return ended < 0 ? Optional.empty() : Optional.of(toInstant(ended));
  }

  @Override
  public Object output() {
    return output;
  }

  @Override
  public Optional<Throwable> exception() {
    return Optional.ofNullable(exception);
  }

  @Override
  public Map<String, Object> summary() {
    Map<String, Object> s = userSummary;
    if (s == null) {
      synchronized (childLock) {
        s = userSummary;
        if (s == null) {
          s = Collections.synchronizedMap(new LinkedHashMap<>());
          userSummary = s;
        }
      }
    }
    return s;
  }

  /** Records the end; returns the summary to send (computed, rolled up, user summary merged). */
  Map<String, Object> end(long endedAt, Object output, Throwable exception) {
    this.output = output;
    this.exception = exception;
    this.endedAtMicros = endedAt;
    boolean hadChildren = childSummaries != null; // a volatile read: no lock for a leaf
    if (!hadChildren
        && userSummary == null
        && ownUsage == null
        && (exception != null || !Usage.mayHave(output))) {
      return exception == null ? Summaries.SUCCESS_ONLY : Summaries.ERROR_ONLY;
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    synchronized (childLock) {
      hadChildren = childSummaries != null;
      if (hadChildren) {
        Summaries.sumInto(summary, childSummaries);
      }
    }
    Map<String, Object> own = ownUsage;
    if (own == null && !hadChildren && exception == null) {
      Usage.addFromOutput(summary, output);
      own = ownUsage; // reading a streamed output rebuilds the response, which may report usage
    }
    if (own != null
        && (!(summary.get("usage") instanceof Map<?, ?> reported) || reported.isEmpty())) {
      Summaries.sumInto(summary, Map.of("usage", own));
    }
    Summaries.sumInto(
        summary,
        Map.of(
            "status_counts",
            Map.of("success", exception == null ? 1 : 0, "error", exception == null ? 0 : 1)));
    Map<String, Object> user = userSummary;
    if (user != null) {
      synchronized (user) {
        Summaries.deepMerge(summary, user);
      }
    }
    return summary;
  }

  /**
   * Sets the usage of the call's own response, {@code {model: {"requests": 1, counts...}}}, to be
   * counted at the end unless a descendant reported usage (see {@link #ownUsage}).
   */
  void ownUsage(Map<String, Object> usage) {
    this.ownUsage = usage;
  }

  /** Rolls a finished child's summary up into this call (children may end on other threads). */
  void addChildSummary(Map<String, Object> summary) {
    synchronized (childLock) {
      if (childSummaries == null) {
        childSummaries = new LinkedHashMap<>();
      }
      Summaries.sumInto(childSummaries, summary);
    }
  }

  private static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  @Override
  public String toString() {
    return "Call[" + op.opName() + " " + id + "]";
  }
}
