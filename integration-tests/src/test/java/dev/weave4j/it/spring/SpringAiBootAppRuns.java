package dev.weave4j.it.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.TraceStore;
import dev.weave4j.testing.providers.Canned;
import dev.weave4j.testing.providers.ProviderTestServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A Spring AI fixture app (integration-tests/fixtures): Spring Boot with the OpenAI starter, its
 * executable jar started under the packaged agent and pointed at the local provider server by
 * command-line arguments. Each HTTP request makes the {@code @WeaveOp} service (behind a CGLIB
 * proxy) log the question through an {@code @Async} op and ask {@code ChatClient} a question the
 * model answers with a {@code @Tool}; each must be one trace rooted at the service call with the
 * ChatClient call under it, each call once, the tool a call of kind tool. Subclasses prove the
 * shape and the usage of their Spring AI line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SpringAiBootAppRuns {

  private static final String API_KEY = "sk-it-SECRET-KEY-0123456789";
  private static final String ASK = "Assistant.ask";
  static final String CLIENT_CALL = "spring_ai.ChatClient.call";
  static final String MODEL_CALL = "spring_ai.ChatModel.call";

  private static final String MODEL = Canned.responseModel("gpt-4o-mini");
  private static final String QUESTION = "What is the weather in Paris?";
  private static final int REQUESTS = 2;

  private final String module;
  private ProviderTestServer server;
  private List<String> bodies;
  private JvmRun run;
  private TraceStore store;

  /**
   * @param module the fixture module whose jar is started
   */
  SpringAiBootAppRuns(String module) {
    this.module = module;
  }

  /** The {@code spring.ai.openai.base-url} of the app: the server's OpenAI base URL. */
  String baseUrl(ProviderTestServer s) {
    return s.openAiBaseUrl();
  }

  @BeforeAll
  void runApp() throws IOException {
    server = ProviderTestServer.start();
    Path jar = BootAppProcess.fixtureJar(module);
    try (BootAppProcess app =
        BootAppProcess.start(
            jar,
            true,
            "--spring.ai.openai.base-url=" + baseUrl(server),
            "--spring.ai.openai.api-key=" + API_KEY)) {
      String path = "/ask?question=" + QUESTION.replace(" ", "%20").replace("?", "%3F");
      bodies = List.of(app.get(path), app.get(path));
      run = app.stop();
    }
    store = run.store();
  }

  @AfterAll
  void stopServer() {
    server.close();
  }

  @Test
  void eachRequestIsOneTraceRootedAtTheServiceOpAndTheAppAnswersAsTheModelSaid() {
    assertThat(bodies).hasSize(REQUESTS).allSatisfy(b -> assertThat(b).contains(Canned.TEXT));
    assertThat(bodies.get(0)).as("the service is behind the aspect's CGLIB proxy").contains("$$");
    assertThat(bodies.get(1)).contains("\"questions\":\"2\"");
    assertThat(run.stderr()).as("the agent reports no problem").doesNotContain("weave4j");
    assertThat(store.roots()).extracting(CallNode::opName).containsExactly(ASK, ASK);
    assertThat(store.calls().stream().map(CallNode::traceId).distinct()).hasSize(REQUESTS);
    for (CallNode ask : store.roots()) {
      assertThat(ask.inputs().path("question").asText()).isEqualTo(QUESTION);
      assertThat(ask.output().asText()).isEqualTo(Canned.TEXT);
    }
  }

  @Test
  void eachCallIsRecordedOnceWithTheSpringProxiesFolded() {
    for (CallNode ask : store.roots()) {
      assertThat(opNames(ask.children())).containsExactly("QuestionLog.log", CLIENT_CALL);
      assertThat(ask.child("QuestionLog.log").inputs().path("question").asText())
          .as("the @Async op, run on Spring's executor, stays under the op that called it")
          .isEqualTo(QUESTION);
      assertThat(ask.subtree()).as("one call per op").hasSize(callsPerRequest());
      for (CallNode model : ask.findAll(MODEL_CALL)) {
        assertThat(model.attributes().path("weave").path("kind").asText()).isEqualTo("llm");
      }
    }
    assertThat(store.calls())
        .extracting(CallNode::opName)
        .noneMatch(name -> name.contains("CGLIB") || name.contains("Proxy"));
    assertThat(chatRequests()).as("the model calls the server saw").isEqualTo(2 * REQUESTS);
  }

  @Test
  void theToolIsACallOfKindToolWithTheModelsArgumentsAndItsResult() {
    for (CallNode ask : store.roots()) {
      CallNode tool = ask.find("weather");
      assertThat(tool.attributes().path("weave").path("kind").asText()).isEqualTo("tool");
      assertThat(tool.inputs().path("input").asText()).isEqualTo(Canned.TOOL_ARGUMENTS);
      assertThat(tool.output().asText()).contains("sunny, 21 C in Paris");
      assertThat(tool.status()).isEqualTo("success");
    }
  }

  /** The calls of each request: the service op and everything under it. */
  abstract int callsPerRequest();

  /** The trace of each HTTP request, rooted at the service op. */
  List<CallNode> asks() {
    return store.roots();
  }

  /** The usage of {@code call} under the server's model: requests and tokens as the server sent. */
  static void assertUsage(CallNode call, int requests) {
    assertThat(usage(call).path("requests").asInt())
        .as("requests of %s", call.opName())
        .isEqualTo(requests);
    assertTokens(call, requests);
  }

  /** The tokens in the usage of {@code call}: those of {@code requests} responses of the server. */
  static void assertTokens(CallNode call, int requests) {
    JsonNode m = usage(call);
    assertThat(m.path("prompt_tokens").asInt()).isEqualTo(requests * Canned.PROMPT_TOKENS);
    assertThat(m.path("completion_tokens").asInt()).isEqualTo(requests * Canned.COMPLETION_TOKENS);
    assertThat(m.path("total_tokens").asInt()).isEqualTo(requests * Canned.TOTAL_TOKENS);
  }

  private static JsonNode usage(CallNode call) {
    JsonNode usage = call.summary().path("usage");
    assertThat(usage.size()).as("models in the usage of %s", call.opName()).isEqualTo(1);
    return usage.path(MODEL);
  }

  private long chatRequests() {
    return server.requests().stream().filter(r -> r.uri().contains("/chat/completions")).count();
  }

  private static List<String> opNames(List<CallNode> calls) {
    return calls.stream().map(CallNode::opName).collect(Collectors.toList());
  }
}
