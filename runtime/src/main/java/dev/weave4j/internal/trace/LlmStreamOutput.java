package dev.weave4j.internal.trace;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Internal, unstable. The output of a streamed LLM call: the SDK's own accumulator, fed value by
 * value, read as the provider's JSON of the response it rebuilds only when the call ends and its
 * record is made (so each value costs one accumulate). If the stream stopped before the SDK can
 * rebuild a response, {@code partial} gives what there is. Being a map, its {@code model} and
 * {@code usage} entries give the call's usage summary.
 *
 * @param <A> the SDK accumulator (or a holder of it)
 */
public final class LlmStreamOutput<A> extends AbstractMap<String, Object> {

  private final A accumulator;
  private final BiConsumer<A, Object> add;
  private final Function<A, Object> result;
  private final Function<A, Object> partial;
  private final Function<Object, Map<String, Object>> toJson;
  private Map<String, Object> json;

  /**
   * @param accumulator the SDK's accumulator (or a holder of it), one per call
   * @param add feeds it one streamed value
   * @param result the response it rebuilds (may throw when the stream is incomplete)
   * @param partial what to record instead when {@code result} throws
   * @param toJson the provider's JSON of an SDK object (the SDK's own mapper)
   */
  public LlmStreamOutput(
      A accumulator,
      BiConsumer<A, Object> add,
      Function<A, Object> result,
      Function<A, Object> partial,
      Function<Object, Map<String, Object>> toJson) {
    this.accumulator = accumulator;
    this.add = add;
    this.result = result;
    this.partial = partial;
    this.toJson = toJson;
  }

  /** Folds one streamed value in. */
  public synchronized void add(Object value) {
    add.accept(accumulator, value);
  }

  @Override
  public synchronized Set<Entry<String, Object>> entrySet() {
    if (json == null) {
      Map<String, Object> built;
      try {
        built = toJson.apply(result.apply(accumulator));
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
      return toJson.apply(partial.apply(accumulator));
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }
}
