package dev.weave4j.it.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.harness.CallNode;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Spring AI 2 on Spring Boot 4: {@code spring-ai-starter-model-openai}, whose OpenAI chat model
 * runs over openai-java, started from the executable jar under the packaged agent. The ChatClient
 * call runs the tool loop: model call, tool, model call, each model call over one SDK call.
 */
class SpringAiBoot4IT extends SpringAiBootAppRuns {

  private static final String SDK_CHAT = "openai.chat.completions.create";

  SpringAiBoot4IT() {
    super("spring-ai-boot4-app");
  }

  @Override
  int callsPerRequest() {
    return 8;
  }

  @Test
  void theChatClientCallHoldsTheModelCallsAndTheToolWithOneSdkCallUnderEachModelCall() {
    for (CallNode ask : asks()) {
      CallNode client = ask.child(CLIENT_CALL);
      assertThat(client.children().stream().map(CallNode::opName).collect(Collectors.toList()))
          .containsExactly(MODEL_CALL, "weather", MODEL_CALL);
      for (CallNode model : client.children(MODEL_CALL)) {
        assertThat(model.children()).extracting(CallNode::opName).containsExactly(SDK_CHAT);
        assertThat(model.child(SDK_CHAT).children()).isEmpty();
      }
    }
  }

  @Test
  void usageIsCountedOnceAtEveryLevelAndEqualsTheServersNumbers() {
    for (CallNode ask : asks()) {
      CallNode client = ask.child(CLIENT_CALL);
      assertUsage(ask, 2);
      assertUsage(client, 2);
      for (CallNode model : client.children(MODEL_CALL)) {
        assertUsage(model, 1);
        assertUsage(model.child(SDK_CHAT), 1);
      }
    }
  }
}
