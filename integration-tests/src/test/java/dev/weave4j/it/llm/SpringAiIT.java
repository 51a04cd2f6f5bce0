package dev.weave4j.it.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.testing.providers.Canned;
import dev.weave4j.testing.providers.ProviderTestServer;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Spring AI 2 traced with no code change: a plain {@code main} app using its OpenAI chat model
 * (which runs over openai-java, itself traced), {@code ChatClient} with a {@code @Tool}, a streamed
 * answer and a vector store, under the packaged agent against the local provider server.
 */
class SpringAiIT extends SdkAppRuns {

  private static final String APP = "dev.weave4j.integrations.springai.SpringAiApp";
  private static final String CLIENT_CALL = "spring_ai.ChatClient.call";
  private static final String MODEL_CALL = "spring_ai.ChatModel.call";
  private static final String SDK_CHAT = "openai.chat.completions.create";
  private static final String MODEL = Canned.responseModel("gpt-4o-mini");

  SpringAiIT() {
    super(APP, "spring-ai");
  }

  @Override
  String baseUrl(ProviderTestServer s) {
    return s.openAiBaseUrl();
  }

  /** Spring's start-up and the tool loop take tens of seconds on a loaded 2-core machine. */
  @Override
  AgentJvm app() {
    return super.app().withTimeout(Duration.ofMinutes(5));
  }

  /** The usage of {@code call} under the server's model: requests and tokens as the server sent. */
  private static void assertUsage(CallNode call, int requests) {
    JsonNode usage = call.summary().path("usage");
    assertThat(usage.size()).as("models in the usage of %s", call.opName()).isEqualTo(1);
    JsonNode m = usage.path(MODEL);
    assertThat(m.path("requests").asInt()).as("requests of %s", call.opName()).isEqualTo(requests);
    assertThat(m.path("prompt_tokens").asInt()).isEqualTo(requests * Canned.PROMPT_TOKENS);
    assertThat(m.path("completion_tokens").asInt()).isEqualTo(requests * Canned.COMPLETION_TOKENS);
    assertThat(m.path("total_tokens").asInt()).isEqualTo(requests * Canned.TOTAL_TOKENS);
  }

  @Test
  void theAppBehavesTheSameUnderTheAgent() {
    assertThat(traced.stdout()).isEqualTo(reference.stdout());
    assertThat(traced.stdout())
        .contains("tool: " + Canned.TEXT)
        .contains("stream: " + Canned.TEXT)
        .contains("found: Paris is the capital of France.");
  }

  @Test
  void theChatClientCallIsTheParentOfTheModelCallsAndTheToolWithTheSdkCallsUnderTheModelCalls() {
    CallNode ask = traced.store().root("Assistant.ask");
    CallNode client = ask.child(CLIENT_CALL);
    assertThat(client.children().stream().map(CallNode::opName).collect(Collectors.toList()))
        .containsExactly(MODEL_CALL, "weather", MODEL_CALL);
    for (CallNode model : client.children(MODEL_CALL)) {
      assertThat(model.children().stream().map(CallNode::opName).collect(Collectors.toList()))
          .containsExactly(SDK_CHAT);
      assertThat(model.attributes().path("weave").path("kind").asText()).isEqualTo("llm");
    }
    assertThat(client.inputs().path("messages").get(0).path("content").asText())
        .isEqualTo("What is the weather in Paris?");
    assertThat(client.inputs().path("tools").get(0).path("function").path("name").asText())
        .isEqualTo("weather");
    assertThat(client.output().path("choices").get(0).path("message").path("content").asText())
        .isEqualTo(Canned.TEXT);
    CallNode first = client.children(MODEL_CALL).get(0);
    assertThat(
            first
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
    CallNode second = client.children(MODEL_CALL).get(1);
    List<String> roles =
        StreamSupport.stream(second.inputs().path("messages").spliterator(), false)
            .map(m -> m.path("role").asText())
            .collect(Collectors.toList());
    assertThat(roles).containsExactly("user", "assistant", "tool");
  }

  @Test
  void theToolIsACallNamedAsTheToolOfKindToolWithItsArgumentsAndResult() {
    CallNode tool = traced.store().root("Assistant.ask").find("weather");
    assertThat(tool.attributes().path("weave").path("kind").asText()).isEqualTo("tool");
    assertThat(tool.inputs().path("input").asText()).isEqualTo(Canned.TOOL_ARGUMENTS);
    assertThat(tool.output().asText()).contains("sunny, 21 C in Paris");
    assertThat(tool.status()).isEqualTo("success");
  }

  @Test
  void usageIsCountedOnceInEveryParentAndEqualsTheServersNumbers() {
    CallNode ask = traced.store().root("Assistant.ask");
    CallNode client = ask.child(CLIENT_CALL);
    assertUsage(ask, 2);
    assertUsage(client, 2);
    for (CallNode model : client.children(MODEL_CALL)) {
      assertUsage(model, 1);
      assertUsage(model.child(SDK_CHAT), 1);
    }
  }

  @Test
  void aStreamedChatClientCallEndsWithTheAggregatedAnswerAndUsageCountedOnce() {
    CallNode stream = traced.store().root("spring_ai.ChatClient.stream");
    assertThat(stream.output().path("choices").get(0).path("message").path("content").asText())
        .isEqualTo(Canned.TEXT);
    CallNode model = stream.child("spring_ai.ChatModel.stream");
    assertThat(model.output().path("choices").get(0).path("message").path("content").asText())
        .isEqualTo(Canned.TEXT);
    assertThat(model.summary().has("time_to_first_token_ms")).isTrue();
    assertThat(model.child(SDK_CHAT).inputs().path("stream").asBoolean()).isTrue();
    assertUsage(stream, 1);
    assertUsage(model, 1);
  }

  @Test
  void theVectorStoreSearchEmbedsItsQueryAndEmbeddingsAreBounded() {
    CallNode search = traced.store().root("spring_ai.VectorStore.similarity_search");
    assertThat(search.inputs().path("query").asText()).isEqualTo("capital of France");
    assertThat(search.output().get(0).path("text").asText())
        .isEqualTo("Paris is the capital of France.");
    CallNode embed = search.child("spring_ai.EmbeddingModel.call");
    assertThat(embed.output().path("data").get(0).path("dimensions").asInt())
        .isEqualTo(Canned.EMBEDDING.size());
    assertThat(embed.child("openai.embeddings.create")).isNotNull();
    JsonNode usage = search.summary().path("usage");
    assertThat(usage.size()).isEqualTo(1);
    assertThat(usage.elements().next().path("requests").asInt()).isEqualTo(1);
  }

  @Test
  void theIntegrationIsTurnedOffBySettingsAndTheSdkIsStillTraced() {
    JvmRun off =
        app().withSysProp("weave.integrations.spring_ai.enabled", "false").run().assertSuccess();
    assertThat(off.stdout()).isEqualTo(reference.stdout());
    assertThat(off.store().calls(CLIENT_CALL)).isEmpty();
    assertThat(off.store().calls(MODEL_CALL)).isEmpty();
    assertThat(off.store().calls(SDK_CHAT)).hasSize(3);
  }
}
