package dev.weave4j.integrations.openai;

import com.openai.core.http.AsyncStreamResponse;
import dev.weave4j.internal.trace.LlmCall;
import dev.weave4j.internal.trace.LlmStreamOutput;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The caller's {@link AsyncStreamResponse}, traced: the handler gets the same chunks (minus a
 * usage-only chunk the caller did not ask for); the call ends when the stream completes or fails
 * (before the caller's {@code onComplete} runs), or is closed.
 */
final class TracedAsyncStreamResponse<T> implements AsyncStreamResponse<T> {

  private final AsyncStreamResponse<T> delegate;
  private final LlmCall call;
  private final LlmStreamOutput<?> output;
  private final Predicate<Object> hidden;

  TracedAsyncStreamResponse(
      AsyncStreamResponse<T> delegate,
      LlmCall call,
      LlmStreamOutput<?> output,
      Predicate<Object> hidden) {
    this.delegate = delegate;
    this.call = call;
    this.output = output;
    this.hidden = hidden;
    delegate.onCompleteFuture().whenComplete(new Ending());
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

  /**
   * Ends the call when the stream completes. A named class (a helper the agent defines), not a
   * lambda: linking a lambda in a class implementing a library type makes the JDK load that class
   * by name from the boot class path, where the agent jar's copy cannot link (the library is absent
   * there).
   */
  private final class Ending implements BiConsumer<Void, Throwable> {
    @Override
    public void accept(Void unused, Throwable error) {
      end(error);
    }
  }

  private final class TracingHandler implements Handler<T> {
    private final Handler<? super T> handler;

    TracingHandler(Handler<? super T> handler) {
      this.handler = handler;
    }

    @Override
    public void onNext(T value) {
      if (call.next(value, output, hidden)) {
        handler.onNext(value);
      }
    }

    @Override
    public void onComplete(Optional<Throwable> error) {
      end(error.orElse(null));
      handler.onComplete(error);
    }
  }
}
