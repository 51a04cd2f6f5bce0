package dev.weave4j.annotations;

import java.util.Map;

/**
 * Changes what is recorded as a call's inputs. Runs after redaction; the method still receives the
 * original arguments. Implementations need a public no-arg constructor; one instance is made per
 * op.
 */
@FunctionalInterface
public interface InputsPostprocessor {

  /** The inputs to record, given the (redacted) inputs by parameter name. */
  Map<String, Object> apply(Map<String, Object> inputs);

  /** Marker for "no postprocessor". */
  final class None implements InputsPostprocessor {
    @Override
    public Map<String, Object> apply(Map<String, Object> inputs) {
      return inputs;
    }
  }
}
