package dev.weave4j.integrations.anthropic;

import com.anthropic.core.http.AsyncStreamResponse;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.BetaMessageAccumulator;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.beta.messages.BetaRawMessageStreamEvent;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import dev.weave4j.internal.WeaveRuntime;
import dev.weave4j.internal.trace.LlmCall;
import dev.weave4j.internal.trace.LlmStreamOutput;
import dev.weave4j.internal.trace.OpDescriptor;
import dev.weave4j.internal.trace.Tracer;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Traces calls of anthropic-java's messages and beta messages services: what the advice on the
 * services' {@code create}/{@code createStreaming} methods calls (before the method, with its
 * params; after it, with what it returned or threw). Never throws into the application. Usage needs
 * no request change: Anthropic always streams it ({@code message_start}, {@code message_delta}),
 * and the SDK's {@link MessageAccumulator} merges it.
 */
public final class AnthropicTracing {

  static final String PROVIDER = "anthropic";
  static final OpDescriptor MESSAGES = op("anthropic.Messages.create");
  static final OpDescriptor BETA_MESSAGES = op("anthropic.beta.Messages.create");

  private static final int MAX_HOSTS = 64;

  private final Supplier<Tracer> tracer;
  private final Map<String, Map<String, Object>> attributesByBaseUrl = new ConcurrentHashMap<>();

  /**
   * @param tracer the active tracer (null when tracing is off)
   */
  public AnthropicTracing(Supplier<Tracer> tracer) {
    this.tracer = tracer;
  }

  /** Tracing through the installed runtime. */
  public static AnthropicTracing withRuntime() {
    return new AnthropicTracing(WeaveRuntime::tracer);
  }

  private static OpDescriptor op(String name) {
    return OpDescriptor.builder(name, "create").kind("llm").integration(PROVIDER).build();
  }

  /** A message is about to be created with {@code params} by a client of {@code baseUrl}. */
  public AnthropicCall startMessage(MessageCreateParams params, String baseUrl, boolean stream) {
    return start(MESSAGES, () -> params._body(), baseUrl, stream, false);
  }

  /** As {@link #startMessage}, for the beta messages API. */
  public AnthropicCall startBetaMessage(
      com.anthropic.models.beta.messages.MessageCreateParams params,
      String baseUrl,
      boolean stream) {
    return start(BETA_MESSAGES, () -> params._body(), baseUrl, stream, true);
  }

  private AnthropicCall start(
      OpDescriptor op, Supplier<Object> body, String baseUrl, boolean stream, boolean beta) {
    try {
      Tracer t = tracer.get();
      if (t == null) {
        return null;
      }
      Map<String, Object> inputs = AnthropicJson.of(body.get());
      if (stream) {
        inputs.put("stream", true);
      }
      LlmCall call = LlmCall.start(t, op, inputs, attributes(baseUrl));
      return call == null ? null : new AnthropicCall(call, beta);
    } catch (Throwable e) {
      Diagnostics.report(Problem.TRACER_ERROR, "starting a call of " + op.opName(), e);
      return null;
    }
  }

  private Map<String, Object> attributes(String baseUrl) {
    String key = baseUrl == null ? "" : baseUrl;
    Map<String, Object> a = attributesByBaseUrl.get(key);
    if (a == null) {
      String host = host(baseUrl);
      a =
          host == null
              ? Map.of("provider", PROVIDER)
              : Map.of("provider", PROVIDER, "base_url_host", host);
      if (attributesByBaseUrl.size() < MAX_HOSTS) {
        attributesByBaseUrl.put(key, a);
      }
    }
    return a;
  }

  private static String host(String baseUrl) {
    try {
      return baseUrl == null ? null : URI.create(baseUrl).getHost();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** One traced Anthropic call, from before the SDK method runs to its end. */
  public static final class AnthropicCall {
    private final LlmCall call;
    private final boolean beta;

    AnthropicCall(LlmCall call, boolean beta) {
      this.call = call;
      this.beta = beta;
    }

    /** The SDK method threw {@code error}: the call ends with it (the caller gets it unchanged). */
    public void threw(Throwable error) {
      call.end(null, error);
    }

    /**
     * The SDK method returned {@code value}: ends the call, or keeps it open until a stream or a
     * future is done. Returns what the caller gets: {@code value}, or a traced stream response.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object returned(Object value) {
      try {
        if (value instanceof HttpResponseFor<?> raw) {
          // withRawResponse(): the call ends when the caller parses the response
          call.detach();
          return new TracedHttpResponseFor<>(raw, this);
        }
        if (value instanceof StreamResponse<?> s) {
          return traceStream((StreamResponse) s);
        }
        if (value instanceof AsyncStreamResponse<?> s) {
          call.detach();
          return new TracedAsyncStreamResponse<>(s, call, newOutput());
        }
        if (value instanceof CompletionStage<?> stage) {
          // a future of a raw response (the async withRawResponse()) ends with no output: its
          // value cannot be replaced by a traced one
          return call.endWhenDone(
              stage, v -> v instanceof HttpResponseFor<?> ? null : AnthropicJson.of(v));
        }
        call.end(LlmCall.output(AnthropicJson::of, value), null);
      } catch (Throwable t) {
        Diagnostics.report(Problem.TRACER_ERROR, "ending an Anthropic call", t);
        call.end(null, null);
      }
      return value;
    }

    private <T> StreamResponse<T> traceStream(StreamResponse<T> response) {
      Stream<T> traced = call.traceStream(response.stream(), newOutput());
      return new TracedStreamResponse<>(response, traced);
    }

    private LlmStreamOutput<?> newOutput() {
      if (beta) {
        return new LlmStreamOutput<>(
            BetaMessageAccumulator.create(),
            (a, v) -> a.accumulate((BetaRawMessageStreamEvent) v),
            BetaMessageAccumulator::message,
            a -> null,
            AnthropicJson::of);
      }
      return new LlmStreamOutput<>(
          MessageAccumulator.create(),
          (a, v) -> a.accumulate((RawMessageStreamEvent) v),
          MessageAccumulator::message,
          a -> null,
          AnthropicJson::of);
    }
  }
}
