package dev.weave4j.it.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.harness.CallNode;
import dev.weave4j.testing.providers.ProviderTestServer;
import org.junit.jupiter.api.Test;

/**
 * Spring AI 1.1 on Spring Boot 3.5: {@code spring-ai-starter-model-openai}, whose OpenAI chat model
 * calls the provider itself (Spring's RestClient, no SDK call under it) and runs the tool loop
 * inside its own {@code call}: one model call per question, the tool under it, and the response's
 * usage the sum over the loop's requests.
 */
class SpringAiBoot3IT extends SpringAiBootAppRuns {

  SpringAiBoot3IT() {
    super("spring-ai-boot3-app");
  }

  /** Spring AI 1.x appends {@code /v1/chat/completions} to its base URL itself. */
  @Override
  String baseUrl(ProviderTestServer s) {
    return s.baseUrl();
  }

  @Override
  int callsPerRequest() {
    return 5;
  }

  @Test
  void theModelCallRunsTheToolUnderTheChatClientCall() {
    for (CallNode ask : asks()) {
      CallNode model = ask.child(CLIENT_CALL).child(MODEL_CALL);
      assertThat(model.children()).extracting(CallNode::opName).containsExactly("weather");
    }
  }

  /**
   * The tokens are the server's for both requests of the loop, counted once at every level. (The
   * request count is the model call's, one: Spring AI 1.x reports the loop's summed usage in one
   * response.)
   */
  @Test
  void tokensAreCountedOnceAtEveryLevelAndEqualTheServersNumbers() {
    for (CallNode ask : asks()) {
      CallNode client = ask.child(CLIENT_CALL);
      assertTokens(ask, 2);
      assertTokens(client, 2);
      assertTokens(client.child(MODEL_CALL), 2);
    }
  }
}
