package dev.weave4j.internal.trace;

import dev.weave4j.internal.agents.AgentFrame;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Internal, unstable. What is current on a thread, as an immutable chain: each node is one scope (a
 * running call, an attributes scope, a thread scope, a disabled scope, pending call options) over
 * the context it was opened in, with the effective values folded in when it is created. Cheap to
 * read per call and to hand to another thread.
 */
public final class CallContext {

  static final CallContext ROOT =
      new CallContext(Kind.ROOT, null, null, Map.of(), null, false, false, false, null, null, null);

  /** What a node adds to the context below it. */
  enum Kind {
    ROOT,
    CALL,
    ATTRIBUTES,
    THREAD,
    DISABLED,
    UNSAMPLED,
    OPTIONS,
    AGENT
  }

  final Kind kind;
  final CallContext previous;
  final CallImpl call;
  final Map<String, Object> attributes;
  final String threadId;
  final boolean disabled;
  final boolean unsampled;

  /** True when some node between here and the nearest call holds pending options. */
  final boolean hasOptions;

  /** The agent-tracing state (conversation, turn, open spans), or null. */
  final AgentFrame agent;

  /** The scope object that opened this node; survives rebuilding after an out-of-order close. */
  final Object owner;

  private final Object delta;

  private CallContext(
      Kind kind,
      CallContext previous,
      CallImpl call,
      Map<String, Object> attributes,
      String threadId,
      boolean disabled,
      boolean unsampled,
      boolean hasOptions,
      Object owner,
      Object delta,
      AgentFrame agent) {
    this.kind = kind;
    this.previous = previous;
    this.call = call;
    this.attributes = attributes;
    this.threadId = threadId;
    this.disabled = disabled;
    this.unsampled = unsampled;
    this.hasOptions = hasOptions;
    this.owner = owner;
    this.delta = delta;
    this.agent = agent;
  }

  /** The running call, or null. */
  public CallImpl call() {
    return call;
  }

  /** The attributes in scope (frozen copy). */
  public Map<String, Object> attributes() {
    return attributes;
  }

  CallContext withCall(CallImpl c, Object owner) {
    return new CallContext(
        Kind.CALL, this, c, attributes, threadId, disabled, unsampled, false, owner, c, agent);
  }

  CallContext withAttributes(Map<String, Object> added, Object owner) {
    Map<String, Object> merged = new LinkedHashMap<>(attributes);
    merged.putAll(added);
    return new CallContext(
        Kind.ATTRIBUTES,
        this,
        call,
        Collections.unmodifiableMap(merged),
        threadId,
        disabled,
        unsampled,
        hasOptions,
        owner,
        added,
        agent);
  }

  CallContext withThread(String id, Object owner) {
    return new CallContext(
        Kind.THREAD, this, call, attributes, id, disabled, unsampled, hasOptions, owner, id, agent);
  }

  CallContext withDisabled(Object owner) {
    return new CallContext(
        Kind.DISABLED,
        this,
        call,
        attributes,
        threadId,
        true,
        unsampled,
        hasOptions,
        owner,
        null,
        agent);
  }

  CallContext withUnsampled(Object owner) {
    return new CallContext(
        Kind.UNSAMPLED,
        this,
        call,
        attributes,
        threadId,
        disabled,
        true,
        false,
        owner,
        null,
        agent);
  }

  CallContext withOptions(PendingOptions o, Object owner) {
    return new CallContext(
        Kind.OPTIONS, this, call, attributes, threadId, disabled, unsampled, true, owner, o, agent);
  }

  CallContext withAgent(AgentFrame frame, Object owner) {
    return new CallContext(
        Kind.AGENT,
        this,
        call,
        attributes,
        threadId,
        disabled,
        unsampled,
        hasOptions,
        owner,
        frame,
        frame);
  }

  /** The agent-tracing state in scope, or null. */
  public AgentFrame agent() {
    return agent;
  }

  /** Whether nothing may be traced here (a disabled or sampled-out scope). */
  public boolean tracingOff() {
    return disabled || unsampled;
  }

  /** The pending options between here and the nearest call, innermost first. */
  List<PendingOptions> pendingOptions() {
    List<PendingOptions> found = new ArrayList<>(2);
    for (CallContext c = this; c != null && c.hasOptions; c = c.previous) {
      if (c.kind == Kind.OPTIONS) {
        found.add((PendingOptions) c.delta);
      }
    }
    return found;
  }

  /**
   * This node's own change applied over {@code base} (used to rebuild after an out-of-order close).
   */
  @SuppressWarnings("unchecked")
  CallContext reapplyOn(CallContext base) {
    return switch (kind) {
      case ROOT -> base;
      case CALL -> base.withCall((CallImpl) delta, owner);
      case ATTRIBUTES -> base.withAttributes((Map<String, Object>) delta, owner);
      case THREAD -> base.withThread((String) delta, owner);
      case DISABLED -> base.withDisabled(owner);
      case UNSAMPLED -> base.withUnsampled(owner);
      case OPTIONS -> base.withOptions((PendingOptions) delta, owner);
      case AGENT -> base.withAgent((AgentFrame) delta, owner);
    };
  }
}
