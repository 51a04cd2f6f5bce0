package dev.weave4j.integrations.springai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.integrations.springai.SpringAiTracing.SpringAiCall;
import dev.weave4j.internal.testing.RecordedCalls;
import dev.weave4j.internal.testing.RecordedCalls.Recorded;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.method.MethodToolCallbackProvider;
import org.springframework.ai.vectorstore.SearchRequest;
import reactor.core.publisher.Flux;

/**
 * Spring AI's own objects (built with the API that 1.1.x and 2.x share, so this class runs on both
 * lines) recorded through {@link SpringAiTracing} as the agent's advice drives it: start with the
 * method's argument, hand back what the method returns.
 */
class SpringAiTracingTest {

  private RecordedCalls recorded;
  private SpringAiTracing tracing;

  @BeforeEach
  void newTracer() {
    recorded = new RecordedCalls();
    tracing = new SpringAiTracing(() -> recorded.tracer);
  }

  static final class WeatherTools {
    @Tool(description = "The weather in a city")
    String weather(String city) {
      return "sunny in " + city;
    }
  }

  private static Prompt conversation() {
    List<Message> messages =
        List.of(
            new SystemMessage("Be brief."),
            new UserMessage("Weather in Paris?"),
            AssistantMessage.builder()
                .content("")
                .toolCalls(
                    List.of(
                        new AssistantMessage.ToolCall(
                            "call_1", "function", "weather", "{\"city\":\"Paris\"}")))
                .build(),
            ToolResponseMessage.builder()
                .responses(
                    List.of(new ToolResponseMessage.ToolResponse("call_1", "weather", "sunny")))
                .build());
    return new Prompt(
        messages, ChatOptions.builder().model("gpt-4o").temperature(0.2).maxTokens(50).build());
  }

  private static ChatResponse response(String text, String model, DefaultUsage usage) {
    Generation g =
        new Generation(
            new AssistantMessage(text),
            ChatGenerationMetadata.builder().finishReason("STOP").build());
    ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder().id("chatcmpl-1");
    if (model != null) {
      metadata.model(model);
    }
    if (usage != null) {
      metadata.usage(usage);
    }
    return new ChatResponse(List.of(g), metadata.build());
  }

  @Test
  void chatModelCallRecordsMessagesAndOptionsAsJsonAndUsageUnderTheResponseModel() {
    SpringAiCall call = tracing.start(SpringAiTracing.CHAT_CALL, conversation());
    ChatResponse response = response("It is sunny.", "gpt-4o-2025-01-01", new DefaultUsage(11, 7));
    assertThat(call.returned(response)).isSameAs(response);

    Recorded r = recorded.onlyEnded();
    assertThat(r.opName()).isEqualTo("spring_ai.ChatModel.call");
    assertThat(r.attributes().path("weave").path("kind").asText()).isEqualTo("llm");
    JsonNode in = r.inputs();
    assertThat(in.path("model").asText()).isEqualTo("gpt-4o");
    assertThat(in.path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(in.path("max_tokens").asInt()).isEqualTo(50);
    JsonNode messages = in.path("messages");
    assertThat(messages).hasSize(4);
    assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
    assertThat(messages.get(1).path("content").asText()).isEqualTo("Weather in Paris?");
    assertThat(messages.get(2).path("tool_calls").get(0).path("function").path("name").asText())
        .isEqualTo("weather");
    assertThat(messages.get(3).path("role").asText()).isEqualTo("tool");
    assertThat(messages.get(3).path("tool_call_id").asText()).isEqualTo("call_1");
    assertThat(messages.get(3).path("content").asText()).isEqualTo("sunny");
    JsonNode out = r.output();
    assertThat(out.path("model").asText()).isEqualTo("gpt-4o-2025-01-01");
    assertThat(out.path("choices").get(0).path("message").path("content").asText())
        .isEqualTo("It is sunny.");
    assertThat(out.path("choices").get(0).path("finish_reason").asText()).isEqualTo("STOP");
    JsonNode usage = r.summary().path("usage").path("gpt-4o-2025-01-01");
    assertThat(usage.path("requests").asInt()).isEqualTo(1);
    assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(11);
    assertThat(usage.path("completion_tokens").asInt()).isEqualTo(7);
    assertThat(usage.path("total_tokens").asInt()).isEqualTo(18);
    assertThat(r.allText()).doesNotContain("org.springframework");
  }

  @Test
  void usageOfAResponseWithoutAModelIsRecordedUnderTheModelAskedFor() {
    SpringAiCall call = tracing.start(SpringAiTracing.CHAT_CALL, conversation());
    call.returned(response("ok", null, new DefaultUsage(3, 1)));

    assertThat(
            recorded
                .onlyEnded()
                .summary()
                .path("usage")
                .path("gpt-4o")
                .path("prompt_tokens")
                .asInt())
        .isEqualTo(3);
  }

  @Test
  void chatModelStreamStaysAFluxAndEndsWithTheAggregatedResponse() {
    SpringAiCall call = tracing.start(SpringAiTracing.CHAT_STREAM, conversation());
    Flux<ChatResponse> chunks =
        Flux.just(
            response("Hello", "gpt-4o-2025-01-01", null),
            response(" there.", "gpt-4o-2025-01-01", null),
            response("", "gpt-4o-2025-01-01", new DefaultUsage(11, 7)));

    Object traced = call.returned(chunks);

    assertThat(traced).isInstanceOf(Flux.class);
    @SuppressWarnings("unchecked")
    List<String> texts =
        ((Flux<ChatResponse>) traced)
            .map(c -> c.getResult().getOutput().getText())
            .collectList()
            .block();
    assertThat(texts).containsExactly("Hello", " there.", "");
    Recorded r = recorded.onlyEnded();
    assertThat(r.opName()).isEqualTo("spring_ai.ChatModel.stream");
    assertThat(r.output().path("choices").get(0).path("message").path("content").asText())
        .isEqualTo("Hello there.");
    assertThat(r.summary().path("usage").path("gpt-4o-2025-01-01").path("total_tokens").asInt())
        .isEqualTo(18);
    assertThat(r.summary().has("time_to_first_token_ms")).isTrue();
  }

  @Test
  void chatClientStreamAggregatesTheChatResponsesOfItsClientResponses() {
    ChatClientRequest request = ChatClientRequest.builder().prompt(conversation()).build();
    SpringAiCall call = tracing.start(SpringAiTracing.CLIENT_STREAM, request);
    Flux<ChatClientResponse> responses =
        Flux.just(
            ChatClientResponse.builder().chatResponse(response("Hi", "m", null)).build(),
            ChatClientResponse.builder()
                .chatResponse(response("!", "m", new DefaultUsage(2, 1)))
                .build());

    @SuppressWarnings("unchecked")
    List<ChatClientResponse> seen =
        ((Flux<ChatClientResponse>) call.returned(responses)).collectList().block();

    assertThat(seen).hasSize(2);
    Recorded r = recorded.onlyEnded();
    assertThat(r.opName()).isEqualTo("spring_ai.ChatClient.stream");
    assertThat(r.inputs().path("messages")).hasSize(4);
    assertThat(r.output().path("choices").get(0).path("message").path("content").asText())
        .isEqualTo("Hi!");
    assertThat(r.summary().path("usage").path("m").path("prompt_tokens").asInt()).isEqualTo(2);
  }

  @Test
  void chatClientCallRecordsThePromptAndTheResponse() {
    ChatClientRequest request = ChatClientRequest.builder().prompt(conversation()).build();
    SpringAiCall call = tracing.start(SpringAiTracing.CLIENT_CALL, request);
    ChatClientResponse response =
        ChatClientResponse.builder().chatResponse(response("Sunny.", "m", null)).build();

    assertThat(call.returned(response)).isSameAs(response);

    Recorded r = recorded.onlyEnded();
    assertThat(r.opName()).isEqualTo("spring_ai.ChatClient.call");
    assertThat(r.output().path("choices").get(0).path("message").path("content").asText())
        .isEqualTo("Sunny.");
  }

  @Test
  void aToolCallbackIsACallNamedAsTheToolOfKindTool() {
    ToolCallback tool =
        MethodToolCallbackProvider.builder()
            .toolObjects(new WeatherTools())
            .build()
            .getToolCallbacks()[0];
    String input = "{\"city\":\"Paris\"}";

    SpringAiCall call = tracing.startTool(tool, input);
    call.returned(tool.call(input));

    Recorded r = recorded.onlyEnded();
    assertThat(r.opName()).isEqualTo("weather");
    assertThat(r.attributes().path("weave").path("kind").asText()).isEqualTo("tool");
    assertThat(r.inputs().path("input").asText()).isEqualTo(input);
    assertThat(r.output().asText()).contains("sunny in Paris");
  }

  @Test
  void aFailingToolIsRecordedWithItsException() {
    ToolCallback tool =
        MethodToolCallbackProvider.builder()
            .toolObjects(new WeatherTools())
            .build()
            .getToolCallbacks()[0];

    SpringAiCall call = tracing.startTool(tool, "{}");
    call.threw(new IllegalStateException("no city"));

    Recorded r = recorded.onlyEnded();
    assertThat(r.exception()).contains("no city");
    assertThat(r.summary().path("status_counts").path("error").asInt()).isEqualTo(1);
  }

  @Test
  void embeddingsAreRecordedAsTheirDimensionAndFirstValuesWithUsage() {
    float[] vector = new float[1536];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = i / 1536f;
    }
    SpringAiCall call =
        tracing.start(
            SpringAiTracing.EMBEDDING, new EmbeddingRequest(List.of("hello", "world"), null));
    call.returned(
        new EmbeddingResponse(
            List.of(new Embedding(vector, 0)),
            new EmbeddingResponseMetadata("text-embedding-3-small", new DefaultUsage(5, 0, 5))));

    Recorded r = recorded.onlyEnded();
    assertThat(r.opName()).isEqualTo("spring_ai.EmbeddingModel.call");
    assertThat(r.inputs().path("input")).hasSize(2);
    JsonNode data = r.output().path("data").get(0);
    assertThat(data.path("dimensions").asInt()).isEqualTo(1536);
    assertThat(data.path("embedding_head")).hasSize(SpringAiJson.EMBEDDING_HEAD);
    assertThat(r.output().toString().length()).isLessThan(1000);
    assertThat(
            r.summary().path("usage").path("text-embedding-3-small").path("prompt_tokens").asInt())
        .isEqualTo(5);
  }

  @Test
  void similaritySearchRecordsTheQueryAndTheDocumentsFound() {
    SearchRequest request = SearchRequest.builder().query("paris weather").topK(2).build();
    SpringAiCall call = tracing.start(SpringAiTracing.SEARCH, request);
    List<Document> found =
        new ArrayList<>(List.of(new Document("d1", "Paris is sunny.", Map.of("src", "wiki"))));

    assertThat(call.returned(found)).isSameAs(found);

    Recorded r = recorded.onlyEnded();
    assertThat(r.opName()).isEqualTo("spring_ai.VectorStore.similarity_search");
    assertThat(r.inputs().path("query").asText()).isEqualTo("paris weather");
    assertThat(r.inputs().path("top_k").asInt()).isEqualTo(2);
    assertThat(r.output().get(0).path("id").asText()).isEqualTo("d1");
    assertThat(r.output().get(0).path("text").asText()).isEqualTo("Paris is sunny.");
    assertThat(r.output().get(0).path("metadata").path("src").asText()).isEqualTo("wiki");
  }

  @Test
  void nothingIsTracedWithoutATracer() {
    SpringAiTracing off = new SpringAiTracing(() -> null);

    assertThat(off.start(SpringAiTracing.CHAT_CALL, conversation())).isNull();
    assertThat(SpringAiHooks.exit(null, "value", null)).isEqualTo("value");
  }

  @Test
  void aHostileArgumentIsNotTracedAndNeverThrows() {
    assertThat(tracing.start(SpringAiTracing.CHAT_CALL, "not a prompt")).isNull();
    assertThat(recorded.calls()).isEmpty();
  }
}
