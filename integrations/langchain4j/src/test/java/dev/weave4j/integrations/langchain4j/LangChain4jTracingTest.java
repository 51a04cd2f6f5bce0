package dev.weave4j.integrations.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.weave4j.Weave;
import dev.weave4j.internal.testing.RecordedCalls;
import dev.weave4j.internal.testing.RecordedCalls.Recorded;
import dev.weave4j.internal.trace.IntegrationOps;
import dev.weave4j.internal.trace.LlmCall;
import dev.weave4j.testing.providers.Canned;
import dev.weave4j.testing.providers.ProviderTestServer;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real LangChain4j models against the local provider server, with the tracing helpers called as the
 * agent's advice calls them ({@link Advised}), into a real tracer.
 */
class LangChain4jTracingTest {

  private static final String KEY = "sk-test-SECRET-0123456789";
  private static final String MODEL = Canned.responseModel("gpt-4o-mini");

  private static ProviderTestServer server;

  private RecordedCalls recorded;
  private Lc4jTracing tracing;
  private ServiceTracing services;

  @BeforeAll
  static void startServer() throws Exception {
    server = ProviderTestServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void newTracer() {
    recorded = new RecordedCalls();
    tracing = new Lc4jTracing(() -> recorded.tracer);
    services = new ServiceTracing(() -> recorded.tracer);
  }

  private static OpenAiChatModel openAi(String model) {
    return OpenAiChatModel.builder()
        .baseUrl(server.openAiBaseUrl())
        .apiKey(KEY)
        .modelName(model)
        .temperature(0.5)
        .maxRetries(0)
        .build();
  }

  @Test
  void aChatIsOneCallWithMessagesParametersTheAnswerAndUsageWhateverTheOverload() {
    ChatModel model = new Advised.Chat(openAi("gpt-4o-mini"), tracing);

    assertThat(model.chat("Say hello.")).isEqualTo(Canned.TEXT);

    Recorded call = recorded.onlyEnded();
    assertThat(call.opName()).isEqualTo("langchain4j.ChatModel.chat");
    assertThat(call.attributes().path("weave").path("kind").asText()).isEqualTo("llm");
    assertThat(call.attributes().path("provider").asText()).isEqualTo("openai");
    JsonNode message = call.inputs().path("messages").get(0);
    assertThat(message.path("role").asText()).isEqualTo("user");
    assertThat(message.path("content").asText()).isEqualTo("Say hello.");
    // the model's default parameters, merged in by chat(...) before doChat
    assertThat(call.inputs().path("parameters").path("model_name").asText())
        .isEqualTo("gpt-4o-mini");
    assertThat(call.inputs().path("parameters").path("temperature").asDouble()).isEqualTo(0.5);
    assertThat(call.output().path("message").path("content").asText()).isEqualTo(Canned.TEXT);
    assertThat(call.output().path("model").asText()).isEqualTo(MODEL);
    assertThat(call.output().path("finish_reason").asText()).isEqualTo("STOP");
    JsonNode usage = call.summary().path("usage").path(MODEL);
    assertThat(usage.path("requests").asInt()).isEqualTo(1);
    assertThat(usage.path("input_tokens").asInt()).isEqualTo(Canned.PROMPT_TOKENS);
    assertThat(usage.path("output_tokens").asInt()).isEqualTo(Canned.COMPLETION_TOKENS);
    assertThat(usage.path("total_tokens").asInt()).isEqualTo(Canned.TOTAL_TOKENS);
    assertThat(call.allText()).doesNotContain("SECRET");
  }

  @AfterEach
  void forgetSettings() {
    IntegrationOps.reset();
  }

  @Test
  void theIntegrationsOpSettingsRenameModelCallsButNotTheAppsServicesOrTools() {
    Weave.integrations()
        .configure("langchain4j", s -> s.opName("chat").callDisplayName("{inputs.messages}"));
    ChatModel model = new Advised.Chat(openAi("gpt-4o-mini"), tracing);

    assertThat(model.chat("Say hello.")).isEqualTo(Canned.TEXT);

    Recorded call = recorded.onlyEnded();
    assertThat(call.opName()).isEqualTo("chat");
    assertThat(call.start().displayName()).contains("Say hello.");
    assertThat(Lc4jTracing.appOp("Assistant.chat", "chat", "agent").integration()).isEmpty();
  }

  @Test
  void aModelDelegatingToATracedModelIsOneCall() {
    ChatModel inner = new Advised.Chat(openAi("gpt-4o-mini"), tracing);
    ChatModel outer = new Advised.Chat(inner, tracing);

    outer.chat("Say hello.");

    assertThat(recorded.calls()).hasSize(1);
  }

  @Test
  void anthropicModelsAreTracedTheSameWay() {
    ChatModel model =
        new Advised.Chat(
            AnthropicChatModel.builder()
                .baseUrl(server.baseUrl() + "/v1/")
                .apiKey(KEY)
                .modelName("claude-sonnet-4-5")
                .maxRetries(0)
                .build(),
            tracing);

    assertThat(model.chat("Say hello.")).isEqualTo(Canned.TEXT);

    Recorded call = recorded.onlyEnded();
    assertThat(call.attributes().path("provider").asText()).isEqualTo("anthropic");
    JsonNode usage = call.summary().path("usage").path(Canned.responseModel("claude-sonnet-4-5"));
    assertThat(usage.path("input_tokens").asInt()).isEqualTo(Canned.PROMPT_TOKENS);
    assertThat(usage.path("output_tokens").asInt()).isEqualTo(Canned.COMPLETION_TOKENS);
  }

  @Test
  void aProviderErrorIsTheCallsExceptionAndReachesTheCaller() {
    ChatModel model = new Advised.Chat(openAi("gpt-error-400"), tracing);

    assertThatThrownBy(() -> model.chat("Say hello.")).isInstanceOf(RuntimeException.class);

    Recorded call = recorded.onlyEnded();
    assertThat(call.exception()).contains(Canned.errorMessage(400));
  }

  @Test
  void aStreamedChatEndsAtTheCompleteResponseWithTheWholeAnswerAndTimeToFirstToken()
      throws Exception {
    var model =
        new Advised.Streaming(
            OpenAiStreamingChatModel.builder()
                .baseUrl(server.openAiBaseUrl())
                .apiKey(KEY)
                .modelName("gpt-4o-mini")
                .build(),
            tracing);
    List<String> pieces = new ArrayList<>();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();

    model.chat(
        "Say hello.",
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partial) {
            pieces.add(partial);
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        });

    assertThat(done.get(30, TimeUnit.SECONDS).aiMessage().text()).isEqualTo(Canned.TEXT);
    assertThat(pieces).containsExactlyElementsOf(Canned.TEXT_PIECES);
    Recorded call = recorded.onlyEnded();
    assertThat(call.opName()).isEqualTo("langchain4j.StreamingChatModel.chat");
    assertThat(call.inputs().path("stream").asBoolean()).isTrue();
    assertThat(call.output().path("message").path("content").asText()).isEqualTo(Canned.TEXT);
    assertThat(call.summary().path(LlmCall.TIME_TO_FIRST_TOKEN).isNumber()).isTrue();
    assertThat(call.summary().path("usage").path(MODEL).path("total_tokens").asInt())
        .isEqualTo(Canned.TOTAL_TOKENS);
  }

  @Test
  void aStreamCompletedOnAnotherThreadBeforeDoChatReturnsHasEndedWhenTheCallerSeesIt()
      throws Exception {
    StreamingChatModel provider =
        new StreamingChatModel() {
          @Override
          public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            Thread t =
                new Thread(
                    () ->
                        handler.onCompleteResponse(
                            ChatResponse.builder()
                                .aiMessage(AiMessage.from("done"))
                                .modelName("m")
                                .tokenUsage(new TokenUsage(1, 2))
                                .build()));
            t.start();
            try {
              t.join(); // the provider's thread completes the stream before doChat returns
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
          }
        };
    CompletableFuture<Boolean> endedFirst = new CompletableFuture<>();

    new Advised.Streaming(provider, tracing)
        .chat(
            "Hi",
            new StreamingChatResponseHandler() {
              @Override
              public void onCompleteResponse(ChatResponse response) {
                endedFirst.complete(recorded.calls().get(0).end() != null);
              }

              @Override
              public void onError(Throwable error) {
                endedFirst.completeExceptionally(error);
              }
            });

    assertThat(endedFirst.get(30, TimeUnit.SECONDS)).isTrue();
    Recorded call = recorded.onlyEnded();
    assertThat(call.output().path("message").path("content").asText()).isEqualTo("done");
    assertThat(call.summary().path("usage").path("m").path("output_tokens").asInt()).isEqualTo(2);
    assertThat(dev.weave4j.internal.trace.Contexts.currentCall()).isNull();
  }

  @Test
  void aStreamCutMidwayEndsTheCallWithTheError() throws Exception {
    var model =
        new Advised.Streaming(
            OpenAiStreamingChatModel.builder()
                .baseUrl(server.openAiBaseUrl())
                .apiKey(KEY)
                .modelName("gpt-cut")
                .build(),
            tracing);
    CompletableFuture<Throwable> failed = new CompletableFuture<>();

    model.chat(
        "Say hello.",
        new StreamingChatResponseHandler() {
          @Override
          public void onCompleteResponse(ChatResponse response) {
            failed.complete(null);
          }

          @Override
          public void onError(Throwable error) {
            failed.complete(error);
          }
        });

    assertThat(failed.get(30, TimeUnit.SECONDS)).isNotNull();
    assertThat(recorded.onlyEnded().exception()).isNotNull();
  }

  /** The app's tools. */
  public static final class Tools {
    @dev.langchain4j.agent.tool.Tool("Weather")
    public String weather(String city) {
      return "Sunny in " + city;
    }

    @dev.langchain4j.agent.tool.Tool("Fails")
    public String broken(String city) {
      throw new IllegalStateException("no weather for " + city);
    }
  }

  @Test
  void aToolIsACallNamedAsTheToolWithItsArgumentsAndResult() throws Exception {
    var executor =
        new Advised.Tool(
            new DefaultToolExecutor(new Tools(), Tools.class.getMethod("weather", String.class)),
            services);
    ToolExecutionRequest request =
        ToolExecutionRequest.builder()
            .id("call_1")
            .name("weather")
            .arguments("{\"city\":\"Paris\"}")
            .build();

    ToolExecutionResult result = executor.executeWithContext(request, null);

    assertThat(result.resultText()).isEqualTo("Sunny in Paris");
    Recorded call = recorded.onlyEnded();
    assertThat(call.opName()).isEqualTo("weather");
    assertThat(call.attributes().path("weave").path("kind").asText()).isEqualTo("tool");
    assertThat(call.attributes().path("tool_call_id").asText()).isEqualTo("call_1");
    assertThat(call.inputs().path("city").asText()).isEqualTo("Paris");
    assertThat(call.output().asText()).isEqualTo("Sunny in Paris");
  }

  @Test
  void aToolThatThrowsRecordsItsExceptionWhileTheModelGetsTheErrorText() throws Exception {
    ToolExecutionRequest request =
        ToolExecutionRequest.builder().id("call_2").name("broken").arguments("{}").build();
    Object call = services.startTool(request);
    // what ToolFailureAdvice sees thrown by DefaultToolExecutor's reflective invocation
    ServiceTracing.toolThrew(
        new InvocationTargetException(new IllegalStateException("no weather for Paris")));
    ServiceTracing.endTool(
        call,
        ToolExecutionResult.builder().isError(true).resultText("no weather for Paris").build(),
        null);

    Recorded recordedCall = recorded.onlyEnded();
    assertThat(recordedCall.exception())
        .contains("IllegalStateException")
        .contains("no weather for Paris");
  }

  @Test
  void embeddingsAreRecordedAsTheirDimensionAndFirstValuesWithUsage() {
    EmbeddingModel model =
        OpenAiEmbeddingModel.builder()
            .baseUrl(server.openAiBaseUrl())
            .apiKey(KEY)
            .modelName("text-embedding-3-small")
            .maxRetries(0)
            .build();
    LlmCall call = tracing.startEmbed("hello");
    Response<Embedding> response = model.embed("hello");
    Lc4jTracing.endEmbed(call, model, response, null);

    Recorded r = recorded.onlyEnded();
    assertThat(r.opName()).isEqualTo("langchain4j.EmbeddingModel.embed");
    assertThat(r.inputs().path("text").asText()).isEqualTo("hello");
    assertThat(r.output().path("embeddings").get(0).path("dimension").asInt())
        .isEqualTo(Canned.EMBEDDING.size());
    JsonNode usage = r.summary().path("usage").path("text-embedding-3-small");
    assertThat(usage.path("input_tokens").asInt()).isEqualTo(Canned.PROMPT_TOKENS);
  }

  @Test
  void aLargeEmbeddingIsNeverRecordedWhole() {
    float[] vector = new float[1536];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = i;
    }
    List<Embedding> many = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      many.add(Embedding.from(vector));
    }

    var json = Lc4jJson.embeddings(many);

    assertThat(json.get("count")).isEqualTo(20);
    assertThat((List<?>) json.get("embeddings")).hasSize(Lc4jJson.MAX_EMBEDDINGS);
    var first = Lc4jJson.embedding(many.get(0));
    assertThat(first.get("dimension")).isEqualTo(1536);
    assertThat(first.get("values")).isEqualTo(List.of(0f, 1f, 2f, 3f, 4f));
    assertThat(Lc4jJson.embedded(TextSegment.from("doc")))
        .isEqualTo(java.util.Map.of("text", "doc"));
  }

  /** An AI service streaming its answer. */
  interface Streamer {
    TokenStream answer(String question);

    String plain(String question);
  }

  @Test
  void aTokenStreamResultEndsTheServiceCallWhenTheStreamCompletes() throws Exception {
    Streamer service =
        AiServices.builder(Streamer.class)
            .streamingChatModel(
                OpenAiStreamingChatModel.builder()
                    .baseUrl(server.openAiBaseUrl())
                    .apiKey(KEY)
                    .modelName("gpt-4o-mini")
                    .build())
            .build();
    var method = Streamer.class.getMethod("answer", String.class);
    Object call = services.startService(method, new Object[] {"Hi?"});
    TokenStream stream = (TokenStream) ServiceTracing.endService(call, service.answer("Hi?"), null);
    StringBuilder text = new StringBuilder();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();

    stream
        .onPartialResponse(text::append)
        .onCompleteResponse(done::complete)
        .ignoreErrors()
        .start();

    assertThat(done.get(30, TimeUnit.SECONDS).aiMessage().text()).isEqualTo(Canned.TEXT);
    assertThat(text).hasToString(Canned.TEXT);
    Recorded r = recorded.onlyEnded();
    assertThat(r.opName()).isEqualTo("Streamer.answer");
    assertThat(r.attributes().path("weave").path("kind").asText()).isEqualTo("agent");
    assertThat(r.inputs().path("question").asText()).isEqualTo("Hi?");
    assertThat(r.output().path("message").path("content").asText()).isEqualTo(Canned.TEXT);
  }

  @Test
  void objectAndDefaultMethodsOfAServiceAreNotCalls() throws Exception {
    assertThat(services.startService(Object.class.getMethod("toString"), null)).isNull();
    assertThat(recorded.calls()).isEmpty();
  }

  @Test
  void nothingIsRecordedWithoutATracer() {
    Lc4jTracing off = new Lc4jTracing(() -> null);
    ChatModel model = new Advised.Chat(openAi("gpt-4o-mini"), off);

    assertThat(model.chat("Say hello.")).isEqualTo(Canned.TEXT);
    assertThat(recorded.calls()).isEmpty();
  }
}
