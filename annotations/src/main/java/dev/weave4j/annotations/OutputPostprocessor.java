package dev.weave4j.annotations;

/**
 * Changes what is recorded as a call's output; the caller still receives the original value.
 * Implementations need a public no-arg constructor; one instance is made per op.
 */
@FunctionalInterface
public interface OutputPostprocessor {

  /** The output to record, given the method's return value. */
  Object apply(Object output);

  /** Marker for "no postprocessor". */
  final class None implements OutputPostprocessor {
    @Override
    public Object apply(Object output) {
      return output;
    }
  }
}
