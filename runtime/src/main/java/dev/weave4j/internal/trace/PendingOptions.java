package dev.weave4j.internal.trace;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Internal, unstable. Per-call options ({@code Weave.callOptions()}, {@code Weave.call}) waiting
 * for the first op started directly in their body; that op takes them, and records itself here.
 */
public final class PendingOptions {

  final String displayName;
  final Map<String, Object> attributes;
  final String callId;
  private final AtomicBoolean taken = new AtomicBoolean();
  private volatile CallImpl call;

  /**
   * @param displayName display name for the call, or null
   * @param attributes attributes merged over the scope's, never null
   * @param callId the call's id, or null for a generated one
   */
  public PendingOptions(String displayName, Map<String, Object> attributes, String callId) {
    this.displayName = displayName;
    this.attributes = attributes;
    this.callId = callId;
  }

  /** True for the first caller only. */
  boolean take() {
    return taken.compareAndSet(false, true);
  }

  void took(CallImpl c) {
    this.call = c;
  }

  /** The call that took these options, or null if none was started. */
  public CallImpl call() {
    return call;
  }
}
