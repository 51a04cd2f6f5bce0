package dev.weave4j.it.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.testing.providers.Canned;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * anthropic-java traced with no code change: the real SDK in an app JVM under the packaged agent,
 * over real HTTP to the local provider server.
 */
class AnthropicIT extends SdkAppRuns {

  private static final String APP = "dev.weave4j.integrations.anthropic.AnthropicApp";
  private static final String MODEL = "claude-sonnet-4-5";

  AnthropicIT() {
    super(APP, "anthropic", "com/anthropic");
  }

  @Test
  void theAppBehavesTheSameUnderTheAgent() {
    assertThat(traced.stdout()).isEqualTo(reference.stdout());
    assertThat(traced.stdout())
        .contains("sync: " + Canned.TEXT)
        .contains("error: ")
        .contains("raw: " + Canned.TEXT);
  }

  @Test
  void messagesAreCallsWithTheProvidersJsonAndUsage() {
    List<CallNode> messages = traced.store().calls("anthropic.Messages.create");
    assertThat(messages).hasSize(5); // sync, stream, async, error, raw
    for (CallNode m : List.of(messages.get(0), messages.get(1), messages.get(2), messages.get(4))) {
      assertThat(m.output().path("content").get(0).path("text").asText()).isEqualTo(Canned.TEXT);
      JsonNode usage = m.summary().path("usage").path(Canned.responseModel(MODEL));
      assertThat(usage.path("requests").asInt()).isEqualTo(1);
      assertThat(usage.path("input_tokens").asInt()).isEqualTo(Canned.PROMPT_TOKENS);
      assertThat(usage.path("output_tokens").asInt()).isEqualTo(Canned.COMPLETION_TOKENS);
    }
    assertThat(messages.get(1).inputs().path("stream").asBoolean()).isTrue();
    assertThat(messages.get(3).exceptionText()).contains(Canned.errorMessage(400));
    assertThat(traced.store().calls("anthropic.beta.Messages.create")).hasSize(1);
  }

  @Test
  void theIntegrationIsTurnedOffBySettings() {
    assumeTrue(newestLine(), "settings are proven on the newest line");
    JvmRun off =
        app().withSysProp("weave.integrations.anthropic.enabled", "false").run().assertSuccess();
    assertThat(off.stdout()).isEqualTo(reference.stdout());
    off.assertNothingStored();
  }

  @Test
  void aMessagesCallInsideAnOpIsItsChildWithItsUsageRolledUp() {
    assertSdkCallsAreChildrenOfTheOp(
        "dev.weave4j.integrations.anthropic.AnthropicOpApp",
        MODEL,
        "input_tokens",
        "output_tokens");
  }

  @Test
  void opSettingsFromTheConfigurationApplyToEveryCall() {
    // sync, stream, async, beta, error, raw
    assertOpSettingsApply("anthropic", 6);
  }
}
