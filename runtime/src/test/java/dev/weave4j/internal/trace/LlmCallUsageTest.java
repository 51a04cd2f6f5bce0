package dev.weave4j.internal.trace;

import static dev.weave4j.internal.trace.TracerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Token usage is counted once when a framework's LLM call (Spring AI, LangChain4j) runs over an SDK
 * call that is itself traced: the framework call reports its response's usage only when no
 * descendant did.
 */
class LlmCallUsageTest {

  private static final OpDescriptor APP = TracerFixture.op("App.ask").build();
  private static final OpDescriptor FRAMEWORK =
      OpDescriptor.builder("spring_ai.ChatModel.call", "call").kind("llm").build();
  private static final OpDescriptor SDK =
      OpDescriptor.builder("openai.chat.completions.create", "create").kind("llm").build();
  private static final OpDescriptor TOOL =
      OpDescriptor.builder("weather", "weather").kind("tool").build();
  private static final OpDescriptor ADVISOR = TracerFixture.op("Advisor.advise").build();

  private final TracerFixture f = new TracerFixture();

  /** A traced SDK call: its output is the provider's JSON, with {@code model} and {@code usage}. */
  private void sdkCall(String model, int prompt, int completion) {
    LlmCall sdk = LlmCall.start(f.tracer, SDK, Map.of(), null);
    sdk.end(
        Map.of(
            "model",
            model,
            "usage",
            Map.of("prompt_tokens", prompt, "completion_tokens", completion)),
        null);
  }

  private static Map<String, Object> counts(int prompt, int completion) {
    return Map.of("prompt_tokens", prompt, "completion_tokens", completion);
  }

  private JsonNode summaryOf(String opName) {
    return f.end(f.start(opName).id()).summary();
  }

  @Test
  void aNestedCallOfTheSameOpIsNotRecordedAndNeverBuildsItsInputs() {
    AtomicInteger built = new AtomicInteger();
    LlmCall outer = LlmCall.start(f.tracer, SDK, () -> Map.of("n", built.incrementAndGet()), null);
    LlmCall inner = LlmCall.start(f.tracer, SDK, () -> Map.of("n", built.incrementAndGet()), null);
    outer.end(Map.of(), null);

    assertThat(inner).isNull();
    assertThat(built).hasValue(1);
  }

  @Test
  void frameworkCallOverATracedSdkCallCountsTheSdkUsageOnceInEveryParent() {
    f.call(
        APP,
        new Object[0],
        "answer",
        () -> {
          LlmCall framework = LlmCall.start(f.tracer, FRAMEWORK, Map.of(), null);
          sdkCall("gpt-4o-2024-08-06", 12, 5);
          // The framework's response names the model as the app asked for it: another key, so a
          // second count would not even merge with the SDK's.
          framework.usage("gpt-4o", counts(12, 5));
          framework.end(Map.of("text", "answer"), null);
        });

    JsonNode once =
        json("{'gpt-4o-2024-08-06': {'requests': 1, 'prompt_tokens': 12, 'completion_tokens': 5}}");
    assertThat(summaryOf("openai.chat.completions.create").get("usage")).isEqualTo(once);
    assertThat(summaryOf("spring_ai.ChatModel.call").get("usage")).isEqualTo(once);
    assertThat(summaryOf("App.ask").get("usage")).isEqualTo(once);
  }

  @Test
  void usageReportedByADeeperDescendantIsAlsoCountedOnce() {
    LlmCall framework = LlmCall.start(f.tracer, FRAMEWORK, Map.of(), null);
    f.call(ADVISOR, new Object[0], "advised", () -> sdkCall("gpt-4o", 3, 4));
    framework.usage("gpt-4o", counts(3, 4));
    framework.end("answer", null);

    assertThat(summaryOf("spring_ai.ChatModel.call").get("usage"))
        .isEqualTo(json("{'gpt-4o': {'requests': 1, 'prompt_tokens': 3, 'completion_tokens': 4}}"));
  }

  @Test
  void frameworkCallWithoutATracedSdkCallCountsItsOwnUsageEvenWithToolChildren() {
    f.call(
        APP,
        new Object[0],
        "answer",
        () -> {
          LlmCall framework = LlmCall.start(f.tracer, FRAMEWORK, Map.of(), null);
          f.call(TOOL, new Object[0], "sunny");
          framework.usage("gpt-4o", counts(30, 9));
          framework.end("answer", null);
        });

    JsonNode own = json("{'gpt-4o': {'requests': 1, 'prompt_tokens': 30, 'completion_tokens': 9}}");
    assertThat(summaryOf("spring_ai.ChatModel.call").get("usage")).isEqualTo(own);
    assertThat(summaryOf("App.ask").get("usage")).isEqualTo(own);
    assertThat(summaryOf("App.ask").get("status_counts"))
        .isEqualTo(json("{'success': 3, 'error': 0}"));
  }

  @Test
  void twoFrameworkCallsInOneParentAreSummed() {
    f.call(
        APP,
        new Object[0],
        "answer",
        () -> {
          for (int i = 0; i < 2; i++) {
            LlmCall framework = LlmCall.start(f.tracer, FRAMEWORK, Map.of(), null);
            framework.usage("gpt-4o", counts(10, 1));
            framework.end("answer", null);
          }
        });

    assertThat(summaryOf("App.ask").get("usage"))
        .isEqualTo(
            json("{'gpt-4o': {'requests': 2, 'prompt_tokens': 20, 'completion_tokens': 2}}"));
  }

  @Test
  void usageReportedWhileAStreamedOutputIsRebuiltAtTheEndIsCounted() {
    LlmCall sdk = LlmCall.start(f.tracer, SDK, Map.of(), null);
    // As LlmStreamOutput does: the response is rebuilt (and its usage read) only when recorded.
    Map<String, Object> rebuiltLate =
        new AbstractMap<>() {
          @Override
          public Set<Entry<String, Object>> entrySet() {
            sdk.usage("gemini-2.5-flash", counts(4, 2));
            return Map.<String, Object>of("text", "hi").entrySet();
          }
        };
    sdk.end(rebuiltLate, null);

    assertThat(summaryOf("openai.chat.completions.create").get("usage"))
        .isEqualTo(
            json(
                "{'gemini-2.5-flash': {'requests': 1, 'prompt_tokens': 4, 'completion_tokens': 2}}"));
  }

  @Test
  void aFailedFrameworkCallStillCountsTheUsageItWasGiven() {
    LlmCall framework = LlmCall.start(f.tracer, FRAMEWORK, Map.of(), null);
    framework.usage("gpt-4o", counts(1, 0));
    framework.end(null, new IllegalStateException("tool loop failed"));

    JsonNode summary = summaryOf("spring_ai.ChatModel.call");
    assertThat(summary.get("usage"))
        .isEqualTo(json("{'gpt-4o': {'requests': 1, 'prompt_tokens': 1, 'completion_tokens': 0}}"));
    assertThat(summary.get("status_counts")).isEqualTo(json("{'success': 0, 'error': 1}"));
  }
}
