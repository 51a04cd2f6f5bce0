package dev.weave4j.integrations.anthropic;

import com.anthropic.core.http.Headers;
import com.anthropic.core.http.HttpResponseFor;
import dev.weave4j.integrations.anthropic.AnthropicTracing.AnthropicCall;
import java.io.InputStream;
import java.util.Optional;

/**
 * The caller's {@link HttpResponseFor} of a call made through {@code withRawResponse()}, traced:
 * the call ends with the parsed message the first time {@link #parse()} runs (a stream's call when
 * the stream does), or with no output when the response is closed unparsed.
 */
final class TracedHttpResponseFor<T> implements HttpResponseFor<T> {

  private final HttpResponseFor<T> delegate;
  private final AnthropicCall call;
  private boolean parsed;
  private T value;

  TracedHttpResponseFor(HttpResponseFor<T> delegate, AnthropicCall call) {
    this.delegate = delegate;
    this.call = call;
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized T parse() {
    if (!parsed) {
      T parsedValue;
      try {
        parsedValue = delegate.parse();
      } catch (RuntimeException | Error e) {
        call.threw(e);
        throw e;
      }
      value = (T) call.returned(parsedValue);
      parsed = true;
    }
    return value;
  }

  @Override
  public int statusCode() {
    return delegate.statusCode();
  }

  @Override
  public Headers headers() {
    return delegate.headers();
  }

  @Override
  public Optional<String> requestId() {
    return delegate.requestId();
  }

  @Override
  public InputStream body() {
    return delegate.body();
  }

  @Override
  public void close() {
    synchronized (this) {
      if (!parsed) {
        call.threw(null);
      }
    }
    delegate.close();
  }
}
