package dev.weave4j.it.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.testing.providers.Canned;
import dev.weave4j.testing.providers.ProviderTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * openai-java traced with no code change: the real SDK (the newest line) in an app JVM under the
 * packaged agent, over real HTTP to the local provider server.
 */
class OpenAiIT extends SdkAppRuns {

  private static final String APP = "dev.weave4j.integrations.openai.OpenAiApp";
  private static final String CHAT = "openai.chat.completions.create";

  OpenAiIT() {
    super(APP, "openai", "com/openai");
  }

  @Override
  String baseUrl(ProviderTestServer s) {
    return s.openAiBaseUrl();
  }

  @Test
  void theAppBehavesTheSameUnderTheAgent() {
    assertThat(traced.stdout()).isEqualTo(reference.stdout());
    assertThat(traced.stdout())
        .contains("sync: " + Canned.TEXT)
        .contains("stream: " + Canned.TEXT)
        .contains("tool: 1")
        .contains("async stream: " + Canned.TEXT)
        .contains("error: BadRequestException");
  }

  @Test
  void everyChatCompletionIsOneCallWithTheProvidersJsonAndUsage() {
    List<CallNode> chats = traced.store().calls(CHAT);
    // sync, three streams, tool call, async, async stream, error (the raw-response twin adds none)
    assertThat(chats).hasSize(8);
    CallNode sync = chats.get(0);
    assertThat(sync.inputs().path("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(sync.inputs().path("messages").get(0).path("content").asText())
        .isEqualTo("Say hello.");
    assertThat(sync.output().path("choices").get(0).path("message").path("content").asText())
        .isEqualTo(Canned.TEXT);
    JsonNode usage = sync.summary().path("usage").path(Canned.responseModel("gpt-4o-mini"));
    assertThat(usage.path("requests").asInt()).isEqualTo(1);
    assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(Canned.PROMPT_TOKENS);
    assertThat(usage.path("completion_tokens").asInt()).isEqualTo(Canned.COMPLETION_TOKENS);
    assertThat(usage.path("total_tokens").asInt()).isEqualTo(Canned.TOTAL_TOKENS);
    assertThat(sync.attributes().path("weave").path("kind").asText()).isEqualTo("llm");
    assertThat(sync.attributes().path("provider").asText()).isEqualTo("openai");
    assertThat(sync.attributes().path("base_url_host").asText()).isEqualTo("127.0.0.1");
  }

  @Test
  void streamsAreRecordedAsTheResponseTheSdkRebuildsWhetherConsumedStoppedOrNeverClosed() {
    List<CallNode> chats = traced.store().calls(CHAT);
    CallNode full = chats.get(1);
    assertThat(full.inputs().path("stream").asBoolean()).isTrue();
    assertThat(full.output().path("choices").get(0).path("message").path("content").asText())
        .isEqualTo(Canned.TEXT);
    assertThat(full.summary().has("time_to_first_token_ms")).isTrue();
    CallNode stopped = chats.get(2);
    assertThat(stopped.output().path("choices").get(0).path("message").path("content").asText())
        .isEqualTo(Canned.TEXT_PIECES.get(0));
    CallNode unclosed = chats.get(3);
    assertThat(unclosed.endedAt()).isNotNull();
    assertThat(unclosed.output().path("choices").get(0).path("message").path("content").asText())
        .isEqualTo(Canned.TEXT);
  }

  @Test
  void toolCallsAsyncCallsErrorsResponsesAndEmbeddingsAreRecorded() {
    List<CallNode> chats = traced.store().calls(CHAT);
    assertThat(
            chats
                .get(4)
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
    assertThat(chats.get(5).summary().path("usage").isObject()).isTrue();
    assertThat(chats.get(7).exceptionText()).contains(Canned.errorMessage(400));
    assertThat(traced.store().calls("openai.responses.create")).hasSize(1);
    assertThat(traced.store().calls("openai.embeddings.create")).hasSize(1);
  }

  @Test
  void anAsyncStreamIsTracedToItsEndWithTheOutputTheSdkRebuilds() {
    CallNode asyncStream = traced.store().calls(CHAT).get(6);
    assertThat(asyncStream.inputs().path("stream").asBoolean()).isTrue();
    assertThat(asyncStream.endedAt()).isNotNull();
    assertThat(asyncStream.exceptionText()).isNull();
    assertThat(asyncStream.output().path("choices").get(0).path("message").path("content").asText())
        .isEqualTo(Canned.TEXT);
    assertThat(asyncStream.summary().has("time_to_first_token_ms")).isTrue();
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
    assumeTrue(newestLine(), "settings are proven on the newest line");
    JvmRun off =
        app().withSysProp("weave.integrations.openai.enabled", "false").run().assertSuccess();
    JvmRun allOff =
        app().withEnv("WEAVE_IMPLICITLY_PATCH_INTEGRATIONS", "false").run().assertSuccess();
    for (JvmRun run : List.of(off, allOff)) {
      assertThat(run.stdout()).isEqualTo(reference.stdout());
      run.assertNothingStored();
    }
  }

  @Test
  void aChatCallInsideAnOpIsItsChildWithItsUsageRolledUp() {
    assertSdkCallsAreChildrenOfTheOp(
        "dev.weave4j.integrations.openai.OpenAiOpApp",
        "gpt-4o-mini",
        "prompt_tokens",
        "completion_tokens");
  }

  @Test
  void opSettingsFromTheConfigurationApplyToEveryCall() {
    server.clearRequests();
    // chats, the Responses call and the embedding all take the one op name, as upstream's
    // op_settings.name does; usage is asked for from the local host too
    assertOpSettingsApply("openai", 10, "weave.integrations.openai.include_stream_usage", "true");
    assertThat(server.requests())
        .filteredOn(r -> r.body().contains("\"stream\":true"))
        .hasSize(4)
        .allSatisfy(r -> assertThat(r.body()).contains("\"include_usage\":true"));
  }

  @Test
  void opSettingsSetInCodeApplyToTheCallsAfterThem() {
    assumeTrue(newestLine(), "settings are proven on the newest line");
    JvmRun run =
        app("dev.weave4j.integrations.openai.OpenAiOpApp", "configure").run().assertSuccess();
    CallNode answer = run.store().root("answer");
    assertThat(answer.children("llm")).hasSize(2);
    for (CallNode call : answer.children("llm")) {
      assertThat(call.inputs().toString()).isEqualTo("{\"model\":\"gpt-4o-mini\"}");
      assertThat(call.json().path("display_name").asText()).isEqualTo("gpt-4o-mini");
    }
  }
}
