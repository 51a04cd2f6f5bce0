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
 * google-genai traced with no code change: the real SDK in an app JVM under the packaged agent,
 * over real HTTP to the local provider server.
 */
class GenAiIT extends SdkAppRuns {

  private static final String APP = "dev.weave4j.integrations.genai.GenAiApp";
  private static final String MODEL = "gemini-2.5-flash";

  GenAiIT() {
    super(APP, "google-genai", "com/google/genai");
  }

  @Test
  void theAppBehavesTheSameUnderTheAgent() {
    assertThat(traced.stdout()).isEqualTo(reference.stdout());
    assertThat(traced.stdout()).contains("stream: " + Canned.TEXT);
  }

  @Test
  void generateCallsAreRecordedWithUsageStreamsFolded() {
    CallNode sync = traced.store().calls("google.genai.models.Models.generate_content").get(0);
    JsonNode usage = sync.summary().path("usage").path(Canned.responseModel(MODEL));
    assertThat(usage.path("prompt_token_count").asInt()).isEqualTo(Canned.PROMPT_TOKENS);
    assertThat(usage.path("total_token_count").asInt()).isEqualTo(Canned.TOTAL_TOKENS);
    assertThat(traced.store().calls("google.genai.models.Models.generate_content")).hasSize(2);
    CallNode stream =
        traced.store().calls("google.genai.models.Models.generate_content_stream").get(0);
    assertThat(
            stream
                .output()
                .path("candidates")
                .get(0)
                .path("content")
                .path("parts")
                .get(0)
                .path("text")
                .asText())
        .isEqualTo(Canned.TEXT);
    assertThat(traced.store().calls("google.genai.models.AsyncModels.generate_content")).hasSize(1);
  }

  @Test
  void theIntegrationIsTurnedOffBySettings() {
    assumeTrue(newestLine(), "settings are proven on the newest line");
    JvmRun off =
        app().withSysProp("weave.integrations.google_genai.enabled", "false").run().assertSuccess();
    assertThat(off.stdout()).isEqualTo(reference.stdout());
    off.assertNothingStored();
  }

  @Test
  void aGenerateCallInsideAnOpIsItsChildWithItsUsageRolledUp() {
    assertSdkCallsAreChildrenOfTheOp(
        "dev.weave4j.integrations.genai.GenAiOpApp",
        MODEL,
        "prompt_token_count",
        "candidates_token_count");
  }

  @Test
  void opSettingsFromTheConfigurationApplyToEveryCall() {
    // sync, stream, async, error, dropped stream
    assertOpSettingsApply("google_genai", 5);
  }

  @Test
  void aStreamNeverIteratedNorClosedEndsItsCallNotConsumed() {
    List<CallNode> streams =
        traced.store().calls("google.genai.models.Models.generate_content_stream");
    assertThat(streams).hasSize(2);
    assertThat(streams.get(1).endedAt()).isNotNull();
    assertThat(streams.get(1).output().asText()).isEqualTo("<not consumed>");
  }
}
