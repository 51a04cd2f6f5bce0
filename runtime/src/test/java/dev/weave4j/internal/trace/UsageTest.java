package dev.weave4j.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageTest {

  record TokenUsage(int promptTokens, int completionTokens, String note) {}

  record ChatResponse(String model, TokenUsage usage, String text) {}

  static class PojoUsage {
    private final long inputTokens;

    PojoUsage(long inputTokens) {
      this.inputTokens = inputTokens;
    }
  }

  static class BaseResponse {
    private final String model = "claude";
  }

  static class PojoResponse extends BaseResponse {
    private final PojoUsage usage = new PojoUsage(12);
  }

  record NoUsage(String model) {}

  private static Map<String, Object> usageOf(Object output) {
    Map<String, Object> summary = new LinkedHashMap<>();
    Usage.addFromOutput(summary, output);
    return summary;
  }

  @Test
  void recordOutputUsageIsRecordedUnderModelInSnakeCase() {
    Map<String, Object> summary =
        usageOf(new ChatResponse("gpt-4o", new TokenUsage(10, 5, "n/a"), "hi"));

    assertThat(summary)
        .isEqualTo(
            Map.of(
                "usage",
                Map.of(
                    "gpt-4o",
                    Map.of("requests", 1L, "prompt_tokens", 10, "completion_tokens", 5))));
  }

  @Test
  void mapOutputUsageIsRecorded() {
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("model", "gpt-4o-mini");
    output.put("usage", Map.of("prompt_tokens", 3, "totalTokens", 4));

    assertThat(usageOf(output))
        .isEqualTo(
            Map.of(
                "usage",
                Map.of(
                    "gpt-4o-mini", Map.of("requests", 1L, "prompt_tokens", 3, "total_tokens", 4))));
  }

  @Test
  void nestedTokenDetailsOfAMapOutputAreKeptAsNestedCounts() {
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("model", "gpt-4o");
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("prompt_tokens", 11);
    usage.put("prompt_tokens_details", Map.of("cached_tokens", 3, "note", "x"));
    usage.put("completion_tokens_details", Map.of("note", "no numbers"));
    output.put("usage", usage);

    assertThat(usageOf(output))
        .isEqualTo(
            Map.of(
                "usage",
                Map.of(
                    "gpt-4o",
                    Map.of(
                        "requests",
                        1L,
                        "prompt_tokens",
                        11,
                        "prompt_tokens_details",
                        Map.of("cached_tokens", 3)))));
  }

  @Test
  void fieldsAreReadIncludingSuperclassFields() {
    assertThat(usageOf(new PojoResponse()))
        .isEqualTo(Map.of("usage", Map.of("claude", Map.of("requests", 1L, "input_tokens", 12L))));
  }

  @Test
  void outputsWithoutModelAndUsageAddNothing() {
    assertThat(usageOf(null)).isEmpty();
    assertThat(usageOf("text")).isEmpty();
    assertThat(usageOf(List.of(1, 2))).isEmpty();
    assertThat(usageOf(new NoUsage("gpt"))).isEmpty();
    assertThat(usageOf(Map.of("usage", Map.of("prompt_tokens", 1)))).isEmpty();
  }

  @Test
  void camelCaseBecomesSnakeCase() {
    assertThat(Usage.snake("promptTokens")).isEqualTo("prompt_tokens");
    assertThat(Usage.snake("prompt_tokens")).isEqualTo("prompt_tokens");
    assertThat(Usage.snake("Tokens")).isEqualTo("tokens");
  }
}
