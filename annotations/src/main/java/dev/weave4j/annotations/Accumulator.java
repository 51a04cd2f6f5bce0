package dev.weave4j.annotations;

/**
 * Folds the values of a streamed result (Iterator, Stream, Publisher, ...) into the recorded
 * output. Called once per value, with a null state the first time; the last state returned is the
 * output. Implementations need a public no-arg constructor; one instance is made per op.
 *
 * @param <S> the state (the recorded output)
 * @param <T> the type of the streamed values
 */
@FunctionalInterface
public interface Accumulator<S, T> {

  /** The new state after {@code value}; {@code state} is null for the first value. */
  S accumulate(S state, T value);

  /** Marker for "no accumulator". */
  final class None implements Accumulator<Object, Object> {
    @Override
    public Object accumulate(Object state, Object value) {
      return value;
    }
  }
}
