package dev.weave4j.integrations.genai;

import com.google.genai.ResponseStream;
import dev.weave4j.integrations.genai.GenAiTracing.GenAiCall;
import java.util.Iterator;

/**
 * What the advice calls (a helper defined in the application's loader next to the SDK): one tracing
 * instance through the installed runtime.
 */
public final class GenAiHooks {

  private static final GenAiTracing TRACING = GenAiTracing.withRuntime();

  private GenAiHooks() {}

  /** Starts the call of an advised generate method; null when not traced. */
  public static Object start(
      String model, Object contents, Object config, boolean stream, boolean async) {
    return TRACING.start(model, contents, config, stream, async);
  }

  /** Ends the call (or keeps it open for a stream); returns what the method returns. */
  public static Object exit(Object call, Object returned, Throwable thrown) {
    if (!(call instanceof GenAiCall c)) {
      return returned;
    }
    if (thrown != null) {
      c.threw(thrown);
      return returned;
    }
    return c.returned(returned);
  }

  /** {@code ResponseStream.iterator()} returned {@code iterator}. */
  public static Iterator<?> iterator(Object stream, Iterator<?> iterator) {
    return stream instanceof ResponseStream<?> s ? TRACING.iterator(s, iterator) : iterator;
  }

  /** {@code ResponseStream.close()} was called. */
  public static void closed(Object stream) {
    if (stream instanceof ResponseStream<?> s) {
      TRACING.closed(s);
    }
  }
}
