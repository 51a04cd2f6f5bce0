package dev.weave4j.integrations.openai;

import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import dev.weave4j.internal.WeaveRuntime;
import dev.weave4j.internal.trace.IntegrationOps;
import dev.weave4j.internal.trace.LlmCall;
import dev.weave4j.internal.trace.LlmStreamOutput;
import dev.weave4j.internal.trace.OpDescriptor;
import dev.weave4j.internal.trace.Tracer;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Traces calls of openai-java's chat completions, Responses and embeddings services: what the
 * advice on the services' {@code create}/{@code createStreaming} methods calls (before the method,
 * with its params; after it, with what it returned or threw). Never throws into the application.
 */
public final class OpenAiTracing {

  private static final int MAX_HOSTS = 64;

  private final Supplier<Tracer> tracer;
  private final StreamUsage streamUsage;
  private final Map<String, Map<String, Object>> attributesByBaseUrl = new ConcurrentHashMap<>();

  /**
   * @param tracer the active tracer (null when tracing is off)
   * @param streamUsage when chat streams ask for usage the caller did not ask for, unless {@code
   *     weave.integrations.openai.include_stream_usage} says otherwise
   */
  public OpenAiTracing(Supplier<Tracer> tracer, StreamUsage streamUsage) {
    this.tracer = tracer;
    this.streamUsage = streamUsage;
  }

  /** Tracing through the installed runtime, asking for stream usage from OpenAI and Azure only. */
  public static OpenAiTracing withRuntime() {
    return new OpenAiTracing(WeaveRuntime::tracer, StreamUsage.AUTO);
  }

  /**
   * A chat completion is about to be made with {@code params} by a client of {@code baseUrl};
   * returns the call, whose {@link OpenAiCall#params()} the method must send. Null: not traced.
   */
  public OpenAiCall startChat(ChatCompletionCreateParams params, String baseUrl, boolean stream) {
    try {
      boolean inject =
          stream
              && params.streamOptions().isEmpty()
              && StreamUsage.of(IntegrationOps.includeStreamUsage(OpenAiOps.CHAT), streamUsage)
                  .appliesTo(host(baseUrl));
      ChatCompletionCreateParams sent =
          inject
              ? params.toBuilder()
                  .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                  .build()
              : params;
      LlmCall call = start(OpenAiOps.CHAT, sent._body(), baseUrl, stream);
      return call == null ? null : new OpenAiCall(call, sent, inject);
    } catch (Throwable t) {
      Diagnostics.report(Problem.TRACER_ERROR, "starting an OpenAI chat completion call", t);
      return null;
    }
  }

  /** As {@link #startChat}, for the Responses API. */
  public OpenAiCall startResponse(ResponseCreateParams params, String baseUrl, boolean stream) {
    return startPlain(OpenAiOps.RESPONSES, params, () -> params._body(), baseUrl, stream);
  }

  /** As {@link #startChat}, for embeddings. */
  public OpenAiCall startEmbedding(EmbeddingCreateParams params, String baseUrl) {
    return startPlain(OpenAiOps.EMBEDDINGS, params, () -> params._body(), baseUrl, false);
  }

  private OpenAiCall startPlain(
      OpDescriptor op, Object params, Supplier<Object> body, String baseUrl, boolean stream) {
    try {
      LlmCall call = start(op, body.get(), baseUrl, stream);
      return call == null ? null : new OpenAiCall(call, params, false);
    } catch (Throwable t) {
      Diagnostics.report(Problem.TRACER_ERROR, "starting a call of " + op.opName(), t);
      return null;
    }
  }

  private LlmCall start(OpDescriptor op, Object body, String baseUrl, boolean stream) {
    Tracer t = tracer.get();
    if (t == null) {
      return null;
    }
    Map<String, Object> inputs = OpenAiJson.of(body);
    if (stream) {
      inputs.put("stream", true);
    }
    return LlmCall.start(t, op, inputs, attributes(baseUrl));
  }

  private Map<String, Object> attributes(String baseUrl) {
    String key = baseUrl == null ? "" : baseUrl;
    Map<String, Object> a = attributesByBaseUrl.get(key);
    if (a == null) {
      String host = host(baseUrl);
      a =
          host == null
              ? Map.of("provider", OpenAiOps.PROVIDER)
              : Map.of("provider", OpenAiOps.PROVIDER, "base_url_host", host);
      if (attributesByBaseUrl.size() < MAX_HOSTS) {
        attributesByBaseUrl.put(key, a);
      }
    }
    return a;
  }

  static String host(String baseUrl) {
    try {
      return baseUrl == null ? null : URI.create(baseUrl).getHost();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** One traced OpenAI call, from before the SDK method runs to its end. */
  public static final class OpenAiCall {
    private final LlmCall call;
    private final Object params;
    private final boolean injectedUsage;

    OpenAiCall(LlmCall call, Object params, boolean injectedUsage) {
      this.call = call;
      this.params = params;
      this.injectedUsage = injectedUsage;
    }

    /** The params the SDK method must send (the caller's, or with usage asked for). */
    public Object params() {
      return params;
    }

    /** The SDK method threw {@code error}: the call ends with it (the caller gets it unchanged). */
    public void threw(Throwable error) {
      call.end(null, error);
    }

    /** A raw response was closed before it was parsed: the call ends without an output. */
    void endUnparsed() {
      call.end(null, null);
    }

    /**
     * The SDK method returned {@code value}: ends the call, or keeps it open until a stream or a
     * future is done, or a raw response is parsed. Returns what the caller gets: {@code value}, or
     * a traced stream or raw response. (A future of a raw response, from the async client's {@code
     * withRawResponse()}, ends with no output: its value cannot be replaced.)
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object returned(Object value) {
      try {
        if (value instanceof HttpResponseFor<?> raw) {
          call.detach();
          return new TracedHttpResponseFor<>(raw, this);
        }
        if (value instanceof StreamResponse<?> s) {
          return traceStream((StreamResponse) s);
        }
        if (value instanceof AsyncStreamResponse<?> s) {
          return traceAsyncStream((AsyncStreamResponse) s);
        }
        if (value instanceof CompletionStage<?> stage) {
          return call.endWhenDone(stage, OpenAiJson::of);
        }
        call.end(LlmCall.output(OpenAiJson::of, value), null);
      } catch (Throwable t) {
        Diagnostics.report(Problem.TRACER_ERROR, "ending an OpenAI call", t);
        call.end(null, null);
      }
      return value;
    }

    private <T> StreamResponse<T> traceStream(StreamResponse<T> response) {
      Stream<T> traced = call.traceStream(response.stream(), newOutput());
      if (injectedUsage) {
        traced = traced.filter(v -> !isUsageOnly(v));
      }
      return new TracedStreamResponse<>(response, traced);
    }

    private <T> AsyncStreamResponse<T> traceAsyncStream(AsyncStreamResponse<T> response) {
      call.detach();
      LlmStreamOutput<?> output = newOutput();
      Predicate<Object> hidden = injectedUsage ? OpenAiCall::isUsageOnly : v -> false;
      return new TracedAsyncStreamResponse<>(response, call, output, hidden);
    }

    private LlmStreamOutput<?> newOutput() {
      if (params instanceof ResponseCreateParams) {
        return new LlmStreamOutput<>(
            ResponseAccumulator.create(),
            (a, v) -> a.accumulate((ResponseStreamEvent) v),
            ResponseAccumulator::response,
            a -> a.snapshot().orElse(null),
            OpenAiJson::of);
      }
      return new LlmStreamOutput<>(
          new ChatStream(),
          (a, v) -> a.add((ChatCompletionChunk) v),
          ChatStream::completion,
          ChatStream::partial,
          OpenAiJson::of);
    }

    private static boolean isUsageOnly(Object value) {
      return value instanceof ChatCompletionChunk c
          && c.choices().isEmpty()
          && c.usage().isPresent();
    }
  }
}
