package dev.weave4j;

import java.util.Optional;

/**
 * What {@link Weave#call} returns: the body's result or exception (never thrown), and the Call of
 * the first op started directly in the body, the analogue of Python's {@code op.call()}.
 *
 * @param <T> the result type
 */
public final class CallResult<T> {

  private final T result;
  private final Throwable exception;
  private final Call call;

  CallResult(T result, Throwable exception, Call call) {
    this.result = result;
    this.exception = exception;
    this.call = call;
  }

  /** The body's result, or null when it threw. */
  public T result() {
    return result;
  }

  /** The Call of the first op started directly in the body; empty when none was traced. */
  public Optional<Call> call() {
    return Optional.ofNullable(call);
  }

  /** What the body threw, if it did. */
  public Optional<Throwable> exception() {
    return Optional.ofNullable(exception);
  }

  @Override
  public String toString() {
    return "CallResult[call=" + call + ", result=" + result + ", exception=" + exception + "]";
  }
}
