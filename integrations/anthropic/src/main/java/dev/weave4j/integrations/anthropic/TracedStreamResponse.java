package dev.weave4j.integrations.anthropic;

import com.anthropic.core.http.StreamResponse;
import java.util.stream.Stream;

/**
 * The caller's {@link StreamResponse}, traced: {@link #stream()} hands out the same events in the
 * same order, and {@link #close()} ends the call with what was consumed, then closes the SDK's.
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
