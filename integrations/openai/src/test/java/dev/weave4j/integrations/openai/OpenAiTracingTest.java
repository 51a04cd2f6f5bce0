package dev.weave4j.integrations.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import dev.weave4j.Weave;
import dev.weave4j.integrations.openai.OpenAiTracing.OpenAiCall;
import dev.weave4j.internal.testing.RecordedCalls;
import dev.weave4j.internal.trace.IntegrationOps;
import dev.weave4j.internal.trace.LlmCall;
import dev.weave4j.testing.providers.Canned;
import dev.weave4j.testing.providers.ProviderTestServer;
import dev.weave4j.testing.providers.RecordedRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real openai-java SDK against the local provider server, driven through {@link OpenAiTracing}
 * as the agent's advice drives it (start with the params, send the params it returns, hand back
 * what it returns), into a real tracer.
 */
class OpenAiTracingTest {

  private static final String API_KEY = "sk-test-SECRET-0123456789";

  private static ProviderTestServer server;
  private static OpenAIClient client;

  private RecordedCalls recorded;
  private OpenAiTracing tracing;

  @BeforeAll
  static void startServer() throws Exception {
    server = ProviderTestServer.start();
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl(server.openAiBaseUrl())
            .apiKey(API_KEY)
            .maxRetries(0)
            .build();
  }

  @AfterAll
  static void stopServer() {
    client.close();
    server.close();
  }

  @BeforeEach
  void newTracer() {
    recorded = new RecordedCalls();
    tracing = new OpenAiTracing(() -> recorded.tracer, StreamUsage.ALWAYS);
    server.clearRequests();
  }

  @AfterEach
  void forgetSettings() {
    IntegrationOps.reset();
  }

  private static ChatCompletionCreateParams chatParams(String model) {
    return ChatCompletionCreateParams.builder()
        .model(model)
        .addSystemMessage("You are terse.")
        .addUserMessage("Say hello.")
        .temperature(0.2)
        .build();
  }

  /** A function tool, put as the provider's JSON so that every SDK version line builds it. */
  private static ChatCompletionCreateParams toolParams(String model) {
    Map<String, Object> function =
        Map.of("name", "get_weather", "parameters", Map.of("type", "object"));
    return chatParams(model).toBuilder()
        .putAdditionalBodyProperty(
            "tools", JsonValue.from(List.of(Map.of("type", "function", "function", function))))
        .build();
  }

  /** What the advice does around a method returning {@code T}. */
  @SuppressWarnings("unchecked")
  private static <T> T advised(OpenAiCall call, Supplier<T> method) {
    T value;
    try {
      value = method.get();
    } catch (RuntimeException e) {
      call.threw(e);
      throw e;
    }
    return (T) call.returned(value);
  }

  private ChatCompletion chat(ChatCompletionCreateParams params) {
    OpenAiCall call = tracing.startChat(params, server.openAiBaseUrl(), false);
    return advised(
        call, () -> client.chat().completions().create((ChatCompletionCreateParams) call.params()));
  }

  private StreamResponse<ChatCompletionChunk> chatStream(ChatCompletionCreateParams params) {
    OpenAiCall call = tracing.startChat(params, server.openAiBaseUrl(), true);
    return advised(
        call,
        () ->
            client
                .chat()
                .completions()
                .createStreaming((ChatCompletionCreateParams) call.params()));
  }

  private static void assertUsage(JsonNode summary, String model, String in, String out) {
    JsonNode usage = summary.path("usage").path(model);
    assertThat(usage.path("requests").asInt()).isEqualTo(1);
    assertThat(usage.path(in).asInt()).isEqualTo(Canned.PROMPT_TOKENS);
    assertThat(usage.path(out).asInt()).isEqualTo(Canned.COMPLETION_TOKENS);
    assertThat(usage.path("total_tokens").asInt()).isEqualTo(Canned.TOTAL_TOKENS);
  }

  @Test
  void chatCompletionRecordsTheRequestAndResponseAsTheProvidersJsonWithUsage() {
    ChatCompletion answer = chat(chatParams("gpt-4o-mini"));

    assertThat(answer.choices().get(0).message().content()).contains(Canned.TEXT);
    RecordedCalls.Recorded call = recorded.onlyEnded();
    assertThat(call.opName()).isEqualTo("openai.chat.completions.create");
    JsonNode inputs = call.inputs();
    assertThat(inputs.path("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(inputs.path("messages").get(1).path("content").asText()).isEqualTo("Say hello.");
    assertThat(inputs.path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(inputs.has("stream")).isFalse();
    JsonNode output = call.output();
    assertThat(output.path("model").asText()).isEqualTo("gpt-4o-mini-2025-01-01");
    assertThat(output.path("choices").get(0).path("message").path("content").asText())
        .isEqualTo(Canned.TEXT);
    String model = Canned.responseModel("gpt-4o-mini");
    assertUsage(call.summary(), model, "prompt_tokens", "completion_tokens");
    assertThat(
            call.summary()
                .path("usage")
                .path(model)
                .path("prompt_tokens_details")
                .path("cached_tokens")
                .asInt())
        .isEqualTo(Canned.CACHED_TOKENS);
    assertThat(call.attributes().path("provider").asText()).isEqualTo("openai");
    assertThat(call.attributes().path("base_url_host").asText()).isEqualTo("127.0.0.1");
    assertThat(call.attributes().path("weave").path("kind").asText()).isEqualTo("llm");
    assertThat(call.allText()).doesNotContain(API_KEY).doesNotContain("Authorization");
  }

  @Test
  void streamedChatIsAccumulatedByTheSdkWhileTheCallerSeesTheSameChunks() {
    List<ChatCompletionChunk> seen;
    try (StreamResponse<ChatCompletionChunk> stream = chatStream(chatParams("gpt-4o-mini"))) {
      seen = stream.stream().collect(Collectors.toList());
    }

    // the usage-only chunk asked for by the tracing is not the caller's
    assertThat(seen).hasSize(Canned.TEXT_PIECES.size() + 2);
    assertThat(seen).allSatisfy(c -> assertThat(c.choices()).isNotEmpty());
    String text =
        seen.stream()
            .map(c -> c.choices().get(0).delta().content().orElse(""))
            .collect(Collectors.joining());
    assertThat(text).isEqualTo(Canned.TEXT);
    RecordedRequest sent = server.requests().get(0);
    assertThat(sent.body()).contains("\"include_usage\":true");

    RecordedCalls.Recorded call = recorded.onlyEnded();
    assertThat(call.inputs().path("stream").asBoolean()).isTrue();
    assertThat(call.output().path("choices").get(0).path("message").path("content").asText())
        .isEqualTo(Canned.TEXT);
    assertUsage(
        call.summary(), Canned.responseModel("gpt-4o-mini"), "prompt_tokens", "completion_tokens");
    assertThat(call.summary().has(LlmCall.TIME_TO_FIRST_TOKEN)).isTrue();
    assertThat(call.exception()).isNull();
  }

  @Test
  void aStreamTheCallerAskedUsageForKeepsItsUsageChunk() {
    ChatCompletionCreateParams params =
        chatParams("gpt-4o-mini").toBuilder()
            .streamOptions(
                com.openai.models.chat.completions.ChatCompletionStreamOptions.builder()
                    .includeUsage(true)
                    .build())
            .build();
    List<ChatCompletionChunk> seen;
    try (StreamResponse<ChatCompletionChunk> stream = chatStream(params)) {
      seen = stream.stream().collect(Collectors.toList());
    }
    assertThat(seen).hasSize(Canned.TEXT_PIECES.size() + 3);
    assertThat(seen.get(seen.size() - 1).usage()).isPresent();
  }

  @Test
  void streamUsageTurnedOffLeavesTheRequestAsTheCallerBuiltIt() {
    Weave.integrations().configure("openai", s -> s.includeStreamUsage(false));
    List<ChatCompletionChunk> seen;
    try (StreamResponse<ChatCompletionChunk> stream = chatStream(chatParams("gpt-4o-mini"))) {
      seen = stream.stream().collect(Collectors.toList());
    }

    assertThat(seen).hasSize(Canned.TEXT_PIECES.size() + 2);
    assertThat(server.requests().get(0).body()).doesNotContain("stream_options");
    RecordedCalls.Recorded call = recorded.onlyEnded();
    assertThat(call.inputs().has("stream_options")).isFalse();
    assertThat(call.output().path("choices").get(0).path("message").path("content").asText())
        .isEqualTo(Canned.TEXT);
  }

  @Test
  void streamUsageSetToTrueAsksEveryHost() {
    tracing = new OpenAiTracing(() -> recorded.tracer, StreamUsage.AUTO);
    IntegrationOps.useSettings(Map.of("openai", Map.of("include_stream_usage", "true")));
    List<ChatCompletionChunk> seen;
    try (StreamResponse<ChatCompletionChunk> stream = chatStream(chatParams("gpt-4o-mini"))) {
      seen = stream.stream().collect(Collectors.toList());
    }

    assertThat(seen).hasSize(Canned.TEXT_PIECES.size() + 2);
    assertThat(server.requests().get(0).body()).contains("\"include_usage\":true");
    assertUsage(
        recorded.onlyEnded().summary(),
        Canned.responseModel("gpt-4o-mini"),
        "prompt_tokens",
        "completion_tokens");
  }

  @Test
  void opSettingsRenameAndPostprocessCallsAndStreamsButNotWhatIsSent() {
    Weave.integrations()
        .configure(
            "openai",
            s ->
                s.opName("chat")
                    .callDisplayName("{inputs.model}")
                    .postprocessInputs(in -> Map.of("model", in.get("model")))
                    .postprocessOutput(out -> "not recorded"));
    chat(chatParams("gpt-4o-mini"));
    try (StreamResponse<ChatCompletionChunk> stream = chatStream(chatParams("gpt-4o-mini"))) {
      stream.stream().forEach(c -> {});
    }

    assertThat(server.requests()).allSatisfy(r -> assertThat(r.body()).contains("Say hello."));
    List<RecordedCalls.Recorded> calls = recorded.calls();
    assertThat(calls).hasSize(2);
    for (RecordedCalls.Recorded call : calls) {
      assertThat(call.opName()).isEqualTo("chat");
      assertThat(call.start().displayName()).isEqualTo("gpt-4o-mini");
      assertThat(call.inputs().toString()).isEqualTo("{\"model\":\"gpt-4o-mini\"}");
      assertThat(call.output().asText()).isEqualTo("not recorded");
      assertUsage(
          call.summary(),
          Canned.responseModel("gpt-4o-mini"),
          "prompt_tokens",
          "completion_tokens");
    }
  }

  @Test
  void usageIsNotAskedForFromOtherHostsByDefault() {
    tracing = new OpenAiTracing(() -> recorded.tracer, StreamUsage.AUTO);
    List<ChatCompletionChunk> seen;
    try (StreamResponse<ChatCompletionChunk> stream = chatStream(chatParams("gpt-4o-mini"))) {
      seen = stream.stream().collect(Collectors.toList());
    }
    assertThat(seen).hasSize(Canned.TEXT_PIECES.size() + 2);
    assertThat(server.requests().get(0).body()).doesNotContain("stream_options");
    RecordedCalls.Recorded call = recorded.onlyEnded();
    assertThat(call.output().path("choices").get(0).path("message").path("content").asText())
        .isEqualTo(Canned.TEXT);
  }

  @Test
  void aStreamStoppedEarlyEndsTheCallWithWhatWasConsumed() {
    StreamResponse<ChatCompletionChunk> stream = chatStream(chatParams("gpt-4o-mini"));
    Optional<ChatCompletionChunk> first = stream.stream().findFirst();
    assertThat(first).isPresent();

    RecordedCalls.Recorded call = recorded.onlyEnded();
    assertThat(call.exception()).isNull();
    assertThat(call.output().path("choices").get(0).path("message").path("content").asText())
        .isEmpty();
    assertThat(call.output().path("choices").get(0).path("finish_reason").asText("")).isEmpty();
    stream.close();
  }

  @Test
  void aStreamThatIsNeverClosedEndsItsCallWhenExhausted() {
    StreamResponse<ChatCompletionChunk> stream = chatStream(chatParams("gpt-4o-mini"));
    Iterator<ChatCompletionChunk> it = stream.stream().iterator();
    int count = 0;
    while (it.hasNext()) {
      it.next();
      count++;
    }
    assertThat(count).isEqualTo(Canned.TEXT_PIECES.size() + 2);
    RecordedCalls.Recorded call = recorded.onlyEnded();
    assertThat(call.output().path("choices").get(0).path("message").path("content").asText())
        .isEqualTo(Canned.TEXT);
  }

  @Test
  void streamedToolCallArgumentsAreMerged() {
    try (StreamResponse<ChatCompletionChunk> stream = chatStream(toolParams("gpt-4o-mini"))) {
      stream.stream().forEach(c -> {});
    }
    JsonNode toolCall =
        recorded
            .onlyEnded()
            .output()
            .path("choices")
            .get(0)
            .path("message")
            .path("tool_calls")
            .get(0);
    assertThat(toolCall.path("function").path("name").asText()).isEqualTo("get_weather");
    assertThat(toolCall.path("function").path("arguments").asText())
        .isEqualTo(Canned.TOOL_ARGUMENTS);
    assertThat(
            recorded
                .onlyEnded()
                .inputs()
                .path("tools")
                .get(0)
                .path("function")
                .path("name")
                .asText())
        .isEqualTo("get_weather");
  }

  @Test
  void aToolCallAnswerIsRecorded() {
    ChatCompletion answer = chat(toolParams("gpt-4o-mini"));
    assertThat(answer.choices().get(0).message().toolCalls()).isPresent();
    assertThat(
            recorded
                .onlyEnded()
                .output()
                .path("choices")
                .get(0)
                .path("message")
                .path("tool_calls")
                .get(0)
                .path("function")
                .path("arguments")
                .asText())
        .isEqualTo(Canned.TOOL_ARGUMENTS);
  }

  @Test
  void providerErrorsAreRecordedWithTheirMessageAndReachTheCallerUnchanged() {
    assertThatThrownBy(() -> chat(chatParams("gpt-error-400")))
        .isInstanceOf(BadRequestException.class);
    RecordedCalls.Recorded call = recorded.onlyEnded();
    assertThat(call.exception()).contains(Canned.errorMessage(400));

    recorded = new RecordedCalls();
    tracing = new OpenAiTracing(() -> recorded.tracer, StreamUsage.ALWAYS);
    assertThatThrownBy(() -> chatStream(chatParams("gpt-error-429")))
        .isInstanceOf(RateLimitException.class);
    assertThat(recorded.onlyEnded().exception()).contains(Canned.errorMessage(429));
  }

  @Test
  void aStreamCutMidwayFailsTheCallWithThePartialOutputAndTheCallerGetsTheError() {
    List<ChatCompletionChunk> seen = new ArrayList<>();
    Throwable thrown;
    try (StreamResponse<ChatCompletionChunk> stream = chatStream(chatParams("gpt-cut"))) {
      thrown = catchThrowable(() -> stream.stream().forEach(seen::add));
    }
    assertThat(thrown).isNotNull();
    assertThat(seen).isNotEmpty();
    RecordedCalls.Recorded call = recorded.onlyEnded();
    assertThat(call.exception()).isNotNull();
    assertThat(call.exception()).contains(thrown.getClass().getName());
    String before =
        seen.stream()
            .map(c -> c.choices().get(0).delta().content().orElse(""))
            .collect(Collectors.joining());
    assertThat(before).isNotEmpty();
    assertThat(call.output().path("choices").get(0).path("message").path("content").asText())
        .isEqualTo(before);
  }

  private static Throwable catchThrowable(Runnable r) {
    try {
      r.run();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  @Test
  void asyncChatEndsWhenTheFutureCompletes() throws Exception {
    ChatCompletionCreateParams params = chatParams("gpt-4o-mini");
    OpenAiCall call = tracing.startChat(params, server.openAiBaseUrl(), false);
    CompletableFuture<ChatCompletion> future =
        advised(
            call,
            () ->
                client
                    .async()
                    .chat()
                    .completions()
                    .create((ChatCompletionCreateParams) call.params()));
    assertThat(future.get(30, TimeUnit.SECONDS).choices()).hasSize(1);
    RecordedCalls.Recorded recordedCall = recorded.onlyEnded();
    assertUsage(
        recordedCall.summary(),
        Canned.responseModel("gpt-4o-mini"),
        "prompt_tokens",
        "completion_tokens");
  }

  @Test
  void asyncStreamHandsTheSameChunksToTheHandlerAndAccumulates() throws Exception {
    OpenAiCall call = tracing.startChat(chatParams("gpt-4o-mini"), server.openAiBaseUrl(), true);
    AsyncStreamResponse<ChatCompletionChunk> stream =
        advised(
            call,
            () ->
                client
                    .async()
                    .chat()
                    .completions()
                    .createStreaming((ChatCompletionCreateParams) call.params()));
    List<ChatCompletionChunk> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    CompletableFuture<Optional<Throwable>> done = new CompletableFuture<>();
    stream.subscribe(
        new AsyncStreamResponse.Handler<ChatCompletionChunk>() {
          @Override
          public void onNext(ChatCompletionChunk value) {
            seen.add(value);
          }

          @Override
          public void onComplete(Optional<Throwable> error) {
            done.complete(error);
          }
        });
    assertThat(done.get(30, TimeUnit.SECONDS)).isEmpty();
    assertThat(seen).hasSize(Canned.TEXT_PIECES.size() + 2);
    RecordedCalls.Recorded recordedCall = recorded.onlyEnded();
    assertThat(
            recordedCall.output().path("choices").get(0).path("message").path("content").asText())
        .isEqualTo(Canned.TEXT);
    assertUsage(
        recordedCall.summary(),
        Canned.responseModel("gpt-4o-mini"),
        "prompt_tokens",
        "completion_tokens");
  }

  private static ResponseCreateParams responseParams() {
    return ResponseCreateParams.builder().model("gpt-4.1").input("Say hello.").build();
  }

  @Test
  void responsesCallsRecordTheResponseAndItsUsage() {
    ResponseCreateParams params = responseParams();
    OpenAiCall call = tracing.startResponse(params, server.openAiBaseUrl(), false);
    Response answer =
        advised(call, () -> client.responses().create((ResponseCreateParams) call.params()));
    assertThat(answer.id()).isEqualTo("resp_test1");
    RecordedCalls.Recorded r = recorded.onlyEnded();
    assertThat(r.opName()).isEqualTo("openai.responses.create");
    assertThat(r.inputs().path("input").asText()).isEqualTo("Say hello.");
    assertUsage(r.summary(), Canned.responseModel("gpt-4.1"), "input_tokens", "output_tokens");
  }

  @Test
  void streamedResponsesAreRebuiltByTheSdksResponseAccumulator() {
    ResponseCreateParams params = responseParams();
    OpenAiCall call = tracing.startResponse(params, server.openAiBaseUrl(), true);
    List<ResponseStreamEvent> seen;
    try (StreamResponse<ResponseStreamEvent> stream =
        advised(
            call, () -> client.responses().createStreaming((ResponseCreateParams) call.params()))) {
      seen = stream.stream().collect(Collectors.toList());
    }
    assertThat(seen).hasSizeGreaterThan(Canned.TEXT_PIECES.size());
    RecordedCalls.Recorded r = recorded.onlyEnded();
    assertThat(r.output().path("output").get(0).path("content").get(0).path("text").asText())
        .isEqualTo(Canned.TEXT);
    assertUsage(r.summary(), Canned.responseModel("gpt-4.1"), "input_tokens", "output_tokens");
  }

  @Test
  void embeddingsRecordTheirUsage() {
    EmbeddingCreateParams params =
        EmbeddingCreateParams.builder().model("text-embedding-3-small").input("hello").build();
    OpenAiCall call = tracing.startEmbedding(params, server.openAiBaseUrl());
    CreateEmbeddingResponse answer =
        advised(call, () -> client.embeddings().create((EmbeddingCreateParams) call.params()));
    assertThat(answer.data()).hasSize(1);
    RecordedCalls.Recorded r = recorded.onlyEnded();
    assertThat(r.opName()).isEqualTo("openai.embeddings.create");
    JsonNode usage = r.summary().path("usage").path(Canned.responseModel("text-embedding-3-small"));
    assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(Canned.PROMPT_TOKENS);
    assertThat(usage.path("requests").asInt()).isEqualTo(1);
  }

  @Test
  void aRawResponseCallIsTracedOnceAndEndsWhenParsed() {
    ChatCompletionCreateParams params = chatParams("gpt-4o-mini");
    OpenAiCall outer = tracing.startChat(params, server.openAiBaseUrl(), false);
    // the parsed create() delegates to withRawResponse().create(): its advice starts nothing
    assertThat(tracing.startChat(params, server.openAiBaseUrl(), false)).isNull();
    outer.threw(new IllegalStateException("not sent"));

    recorded = new RecordedCalls();
    tracing = new OpenAiTracing(() -> recorded.tracer, StreamUsage.ALWAYS);
    OpenAiCall call = tracing.startChat(params, server.openAiBaseUrl(), false);
    HttpResponseFor<ChatCompletion> raw =
        advised(
            call,
            () ->
                client
                    .chat()
                    .completions()
                    .withRawResponse()
                    .create((ChatCompletionCreateParams) call.params()));
    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(recorded.calls().get(0).end()).isNull();
    assertThat(raw.parse().choices().get(0).message().content()).contains(Canned.TEXT);
    assertThat(raw.parse()).isSameAs(raw.parse());
    RecordedCalls.Recorded r = recorded.onlyEnded();
    assertUsage(
        r.summary(), Canned.responseModel("gpt-4o-mini"), "prompt_tokens", "completion_tokens");
  }

  @Test
  void nothingIsTracedWithoutATracer() {
    OpenAiTracing off = new OpenAiTracing(() -> null, StreamUsage.ALWAYS);
    assertThat(off.startChat(chatParams("gpt-4o-mini"), server.openAiBaseUrl(), true)).isNull();
    assertThat(recorded.calls()).isEmpty();
  }
}
