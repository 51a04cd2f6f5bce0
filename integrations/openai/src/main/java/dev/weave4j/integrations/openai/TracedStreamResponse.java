package dev.weave4j.integrations.openai;

import com.openai.core.http.StreamResponse;
import java.util.stream.Stream;

/**
 * The caller's {@link StreamResponse}, traced: {@link #stream()} hands out the same chunks in the
 * same order (minus a usage-only chunk the caller did not ask for), and {@link #close()} ends the
 * call with what was consumed, then closes the SDK's stream.
 */
final class TracedStreamResponse<T> implements StreamResponse<T> {

  private final StreamResponse<T> delegate;
  private final Stream<T> traced;

  TracedStreamResponse(StreamResponse<T> delegate, Stream<T> traced) {
    this.delegate = delegate;
    this.traced = traced;
  }

  @Override
  public Stream<T> stream() {
    return traced;
  }

  @Override
  public void close() {
    try {
      traced.close();
    } finally {
      delegate.close();
    }
  }
}
