package dev.weave4j.internal.trace;

/**
 * Internal, unstable. What is current on a thread: an immutable link to the running call and the
 * context it was started in. Cheap to capture and to hand to another thread.
 */
public final class CallContext {

  final CallImpl call;
  final CallContext previous;

  CallContext(CallImpl call, CallContext previous) {
    this.call = call;
    this.previous = previous;
  }

  /** The running call. */
  public CallImpl call() {
    return call;
  }
}
