package dev.weave4j.integrations.anthropic;

import com.anthropic.core.http.AsyncStreamResponse;
import dev.weave4j.internal.trace.LlmCall;
import dev.weave4j.internal.trace.LlmStreamOutput;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The caller's {@link AsyncStreamResponse}, traced: the handler gets the same events; the call ends
 * when the stream completes or fails (before the caller's {@code onComplete} runs), or is closed.
 */
final class TracedAsyncStreamResponse<T> implements AsyncStreamResponse<T> {

  private final AsyncStreamResponse<T> delegate;
  private final LlmCall call;
  private final LlmStreamOutput<?> output;

  TracedAsyncStreamResponse(
      AsyncStreamResponse<T> delegate, LlmCall call, LlmStreamOutput<?> output) {
    this.delegate = delegate;
    this.call = call;
    this.output = output;
    delegate.onCompleteFuture().whenComplete((v, error) -> end(error));
  }

  @Override
  public AsyncStreamResponse<T> subscribe(Handler<? super T> handler) {
    delegate.subscribe(new TracingHandler(handler));
    return this;
  }

  @Override
  public AsyncStreamResponse<T> subscribe(Handler<? super T> handler, Executor executor) {
    delegate.subscribe(new TracingHandler(handler), executor);
    return this;
  }

  @Override
  public CompletableFuture<Void> onCompleteFuture() {
    return delegate.onCompleteFuture();
  }

  @Override
  public void close() {
    end(null);
    delegate.close();
  }

  private void end(Throwable error) {
    call.end(output, LlmCall.unwrap(error));
  }

  private final class TracingHandler implements Handler<T> {
    private final Handler<? super T> handler;

    TracingHandler(Handler<? super T> handler) {
      this.handler = handler;
    }

    @Override
    public void onNext(T value) {
      call.next(value, output, v -> false);
      handler.onNext(value);
    }

    @Override
    public void onComplete(Optional<Throwable> error) {
      end(error.orElse(null));
      handler.onComplete(error);
    }
  }
}
