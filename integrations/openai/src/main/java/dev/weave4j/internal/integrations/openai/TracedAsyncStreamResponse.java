package dev.weave4j.internal.integrations.openai;

import com.openai.core.http.AsyncStreamResponse;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import dev.weave4j.internal.trace.LlmCall;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * The caller's {@link AsyncStreamResponse}, traced: the handler gets the same chunks (minus a
 * usage-only chunk the caller did not ask for); the call ends when the stream completes or fails
 * (before the caller's {@code onComplete} runs), or is closed.
 */
final class TracedAsyncStreamResponse<T> implements AsyncStreamResponse<T> {

  private final AsyncStreamResponse<T> delegate;
  private final LlmCall call;
  private final Accumulated<?> output;
  private final Predicate<T> hidden;

  TracedAsyncStreamResponse(
      AsyncStreamResponse<T> delegate, LlmCall call, Accumulated<?> output, Predicate<T> hidden) {
    this.delegate = delegate;
    this.call = call;
    this.output = output;
    this.hidden = hidden;
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
    Throwable cause = error;
    if (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    call.end(output, cause);
  }

  private final class TracingHandler implements Handler<T> {
    private final Handler<? super T> handler;

    TracingHandler(Handler<? super T> handler) {
      this.handler = handler;
    }

    @Override
    public void onNext(T value) {
      boolean hide = false;
      try {
        call.firstValue();
        output.add(value);
        hide = hidden.test(value);
      } catch (Throwable t) {
        Diagnostics.report(Problem.TRACER_ERROR, "accumulating an OpenAI stream chunk", t);
      }
      if (!hide) {
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
