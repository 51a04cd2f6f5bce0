package dev.weave4j.it.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.testing.providers.Canned;
import dev.weave4j.testing.providers.ProviderTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j traced with no code change: an app with an AI service (two tools, a content retriever
 * over an in-memory embedding store, OpenAI chat and embedding models) answering once and once
 * streamed, in a JVM under the packaged agent, over real HTTP to the local provider server.
 */
class LangChain4jIT extends SdkAppRuns {

  private static final String APP = "dev.weave4j.integrations.langchain4j.LangChain4jApp";
  private static final String CHAT = "langchain4j.ChatModel.chat";
  private static final String STREAMING_CHAT = "langchain4j.StreamingChatModel.chat";
  private static final String RETRIEVE = "langchain4j.ContentRetriever.retrieve";
  private static final String EMBED = "langchain4j.EmbeddingModel.embed";
  private static final String SEARCH = "langchain4j.EmbeddingStore.search";
  private static final String CHAT_MODEL = Canned.responseModel("gpt-4o-mini");
  private static final String EMBEDDING_MODEL = "text-embedding-3-small";

  LangChain4jIT() {
    super(APP, "langchain4j");
  }

  @Override
  String baseUrl(ProviderTestServer s) {
    return s.openAiBaseUrl();
  }

  @Test
  void theAppBehavesTheSameUnderTheAgent() {
    assertThat(traced.stdout()).isEqualTo(reference.stdout());
    assertThat(traced.stdout())
        .contains("answer: " + Canned.TEXT)
        .contains("streamed: " + Canned.TEXT)
        .contains("plain: " + Canned.TEXT);
  }

  @Test
  void anAiServiceCallIsTheParentOfItsRetrievalModelCallsAndToolsInTimeOrder() {
    CallNode service = traced.store().root("Assistant.answer");
    assertThat(service.inputs().path("question").asText())
        .isEqualTo("What is the weather in Paris?");
    assertThat(service.output().asText()).isEqualTo(Canned.TEXT);
    assertThat(service.attributes().path("weave").path("kind").asText()).isEqualTo("agent");
    assertThat(opNames(inTimeOrder(service.children())))
        .containsExactly(RETRIEVE, CHAT, "localTime", "weather", CHAT);
    assertTools(service);

    CallNode retrieval = service.child(RETRIEVE);
    assertThat(opNames(inTimeOrder(retrieval.children()))).containsExactly(EMBED, SEARCH);
    assertThat(retrieval.output()).hasSize(2);
    assertThat(retrieval.output().get(0).path("text").asText()).contains("Paris");
    assertThat(retrieval.output().get(0).path("score").asDouble()).isEqualTo(1.0);

    List<CallNode> models = inTimeOrder(service.children(CHAT));
    CallNode first = models.get(0);
    assertThat(first.attributes().path("weave").path("kind").asText()).isEqualTo("llm");
    assertThat(first.attributes().path("provider").asText()).isEqualTo("openai");
    assertThat(first.inputs().path("parameters").path("model_name").asText())
        .isEqualTo("gpt-4o-mini");
    assertThat(first.inputs().path("tools").findValuesAsText("name"))
        .containsExactlyInAnyOrder("weather", "localTime");
    assertThat(first.inputs().path("messages").get(0).path("content").asText())
        .contains("What is the weather in Paris?")
        .contains("The Seine flows through Paris."); // the retrieved content, added by the service
    JsonNode requests = first.output().path("message").path("tool_execution_requests");
    assertThat(requests.findValuesAsText("arguments")).containsOnly(Canned.TOOL_ARGUMENTS);
    assertThat(first.output().path("model").asText()).isEqualTo(CHAT_MODEL);
    assertThat(first.output().path("finish_reason").asText()).isEqualTo("TOOL_EXECUTION");
    assertThat(models.get(1).output().path("message").path("content").asText())
        .isEqualTo(Canned.TEXT);
    assertThat(models.get(1).inputs().path("messages").findValuesAsText("role"))
        .containsSubsequence("user", "assistant", "tool", "tool");
  }

  @Test
  void usageIsSummedOnceIntoTheServiceCallWithTheServersNumbers() {
    for (String op : List.of("Assistant.answer", "StreamingAssistant.answer")) {
      CallNode service = traced.store().root(op);
      JsonNode chat = service.summary().path("usage").path(CHAT_MODEL);
      assertThat(chat.path("requests").asInt()).isEqualTo(2);
      assertThat(chat.path("input_tokens").asInt()).isEqualTo(2 * Canned.PROMPT_TOKENS);
      assertThat(chat.path("output_tokens").asInt()).isEqualTo(2 * Canned.COMPLETION_TOKENS);
      assertThat(chat.path("total_tokens").asInt()).isEqualTo(2 * Canned.TOTAL_TOKENS);
      JsonNode embedding = service.summary().path("usage").path(EMBEDDING_MODEL);
      assertThat(embedding.path("requests").asInt()).isEqualTo(1);
      assertThat(embedding.path("input_tokens").asInt()).isEqualTo(Canned.PROMPT_TOKENS);
      assertThat(service.summary().path("usage")).hasSize(2);
    }
  }

  @Test
  void aStreamedServiceCallEndsWithTheStreamAndItsModelCallsHoldTheFullAnswer() {
    CallNode service = traced.store().root("StreamingAssistant.answer");
    assertThat(service.endedAt()).isNotNull();
    assertThat(service.output().path("message").path("content").asText()).isEqualTo(Canned.TEXT);
    assertThat(opNames(inTimeOrder(service.children())))
        .containsExactly(RETRIEVE, STREAMING_CHAT, "localTime", "weather", STREAMING_CHAT);
    assertTools(service);
    List<CallNode> models = inTimeOrder(service.children(STREAMING_CHAT));
    assertThat(models.get(0).inputs().path("stream").asBoolean()).isTrue();
    assertThat(models.get(0).output().path("message").path("tool_execution_requests")).hasSize(2);
    CallNode answer = models.get(1);
    assertThat(answer.output().path("message").path("content").asText()).isEqualTo(Canned.TEXT);
    assertThat(answer.summary().has("time_to_first_token_ms")).isTrue();
    assertThat(answer.summary().path("usage").path(CHAT_MODEL).path("total_tokens").asInt())
        .isEqualTo(Canned.TOTAL_TOKENS);
    // the tools ran after the first model call ended, as the service's children
    assertThat(models.get(0).children()).isEmpty();
    assertThat(models.get(0).endedAt()).isLessThanOrEqualTo(service.child("weather").startedAt());
  }

  @Test
  void aModelCalledDirectlyIsOneCallWhateverTheOverload() {
    List<CallNode> roots =
        traced.store().roots().stream().filter(c -> c.opName().equals(CHAT)).toList();
    assertThat(roots).hasSize(1);
    CallNode plain = roots.get(0);
    assertThat(plain.inputs().path("messages").get(0).path("content").asText())
        .isEqualTo("Say hello.");
    assertThat(plain.summary().path("usage").path(CHAT_MODEL).path("input_tokens").asInt())
        .isEqualTo(Canned.PROMPT_TOKENS);
    // two service calls of two model calls each, and this one
    assertThat(traced.store().calls(CHAT)).hasSize(3);
    assertThat(traced.store().calls(STREAMING_CHAT)).hasSize(2);
  }

  @Test
  void embeddingsAreRecordedBounded() {
    CallNode ingestion =
        traced.store().roots().stream().filter(c -> c.opName().equals(EMBED)).findFirst().get();
    assertThat(ingestion.inputs().path("texts")).hasSize(3);
    assertThat(ingestion.output().path("count").asInt()).isEqualTo(3);
    JsonNode first = ingestion.output().path("embeddings").get(0);
    assertThat(first.path("dimension").asInt()).isEqualTo(Canned.EMBEDDING.size());
    assertThat(first.path("values")).hasSize(Canned.EMBEDDING.size());
    CallNode search = traced.store().calls(SEARCH).get(0);
    assertThat(search.inputs().path("query_embedding").path("dimension").asInt())
        .isEqualTo(Canned.EMBEDDING.size());
    assertThat(search.output().path("matches")).hasSize(2);
  }

  @Test
  void theApiKeyIsInNoRecord() {
    for (Path f : traced.storeFiles()) {
      try {
        assertThat(Files.readString(f)).doesNotContain("sk-it-SECRET-KEY");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertThat(traced.storeFiles()).isNotEmpty();
  }

  @Test
  void theIntegrationIsTurnedOffBySettings() {
    JvmRun off =
        app().withSysProp("weave.integrations.langchain4j.enabled", "false").run().assertSuccess();
    assertThat(off.stdout()).isEqualTo(reference.stdout());
    off.assertNothingStored();
  }

  private static void assertTools(CallNode service) {
    CallNode weather = service.child("weather");
    assertThat(weather.attributes().path("weave").path("kind").asText()).isEqualTo("tool");
    assertThat(weather.inputs().path("city").asText()).isEqualTo("Paris");
    assertThat(weather.output().asText()).isEqualTo("Sunny in Paris");
    assertThat(weather.attributes().path("tool_call_id").asText()).startsWith("call_test");
    assertThat(service.child("localTime").output().asText()).isEqualTo("Noon in Paris");
  }

  private static List<CallNode> inTimeOrder(List<CallNode> calls) {
    return calls.stream().sorted(Comparator.comparing(CallNode::startedAt)).toList();
  }

  private static List<String> opNames(List<CallNode> calls) {
    return calls.stream().map(CallNode::opName).collect(Collectors.toList());
  }
}
