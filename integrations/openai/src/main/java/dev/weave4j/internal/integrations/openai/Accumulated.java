package dev.weave4j.internal.integrations.openai;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The output of a streamed call: the SDK's own accumulator, fed chunk by chunk, read as the
 * provider's JSON of the response it rebuilds only when the call ends and the record is made (so
 * each chunk costs one accumulate). If the stream stopped before the SDK can rebuild a response,
 * {@code partial} gives what there is.
 *
 * @param <A> the SDK accumulator
 */
final class Accumulated<A> extends AbstractMap<String, Object> {

  private final A accumulator;
  private final BiConsumer<A, Object> add;
  private final Function<A, Object> result;
  private final Function<A, Object> partial;
  private Map<String, Object> json;

  /**
   * @param accumulator the SDK's accumulator (or a holder of it), one per call
   * @param add feeds it one streamed value
   * @param result the response it rebuilds (may throw when the stream is incomplete)
   * @param partial what to record instead when {@code result} throws
   */
  Accumulated(
      A accumulator,
      BiConsumer<A, Object> add,
      Function<A, Object> result,
      Function<A, Object> partial) {
    this.accumulator = accumulator;
    this.add = add;
    this.result = result;
    this.partial = partial;
  }

  /** Folds one streamed value in (callers serialize calls on this object). */
  synchronized void add(Object value) {
    add.accept(accumulator, value);
  }

  @Override
  public synchronized Set<Entry<String, Object>> entrySet() {
    if (json == null) {
      Map<String, Object> built;
      try {
        built = OpenAiJson.of(result.apply(accumulator));
      } catch (RuntimeException | LinkageError incomplete) {
        // an unfinished stream, or an SDK version without the method: what there is so far
        built = partial();
      }
      json = built == null ? Map.of() : built;
    }
    return json.entrySet();
  }

  private Map<String, Object> partial() {
    try {
      return OpenAiJson.of(partial.apply(accumulator));
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }
}
