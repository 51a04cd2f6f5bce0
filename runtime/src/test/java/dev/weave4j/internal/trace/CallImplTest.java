package dev.weave4j.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.internal.util.CallId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallImplTest {

  record TokenUsage(int promptTokens, int completionTokens) {}

  record ChatResponse(String model, TokenUsage usage) {}

  private static final OpDescriptor OP =
      OpDescriptor.builder("Test.op", "op").parameters(List.of("a"), new boolean[] {false}).build();

  private long clock = 1_000;

  private CallImpl call(String id, CallImpl parent) {
    return new CallImpl(
        null,
        OP,
        CallId.of(id),
        parent == null ? CallId.of(id) : parent.traceCallId(),
        parent,
        null,
        Map.of(),
        Map.of(),
        clock++,
        null,
        null);
  }

  /** Ends {@code call} and rolls its summary up as the tracer does. */
  private Map<String, Object> end(CallImpl call, Object output, Throwable thrown) {
    Map<String, Object> summary = call.end(clock++, output, thrown);
    if (call.parent() != null) {
      call.parent().addChildSummary(summary);
    }
    return summary;
  }

  @Test
  void leafCallCountsItselfAndItsUsage() {
    CallImpl leaf = call("leaf", null);

    Map<String, Object> summary = end(leaf, new ChatResponse("gpt-4o", new TokenUsage(7, 3)), null);

    assertThat(summary)
        .isEqualTo(
            Map.of(
                "usage",
                Map.of(
                    "gpt-4o", Map.of("requests", 1L, "prompt_tokens", 7, "completion_tokens", 3)),
                "status_counts",
                Map.of("success", 1, "error", 0)));
    assertThat(leaf.endedAt()).isPresent();
    assertThat(leaf.output()).isInstanceOf(ChatResponse.class);
  }

  @Test
  void failedCallCountsAnErrorAndNoUsage() {
    CallImpl leaf = call("leaf", null);

    Map<String, Object> summary =
        end(leaf, new ChatResponse("gpt-4o", new TokenUsage(7, 3)), new IllegalStateException());

    assertThat(summary).isEqualTo(Map.of("status_counts", Map.of("success", 0, "error", 1)));
    assertThat(leaf.exception()).containsInstanceOf(IllegalStateException.class);
  }

  @Test
  void summariesRollUpThroughThreeLevels() {
    CallImpl root = call("root", null);
    CallImpl llm1 = call("llm1", root);
    end(llm1, new ChatResponse("gpt-4o", new TokenUsage(10, 5)), null);
    CallImpl agent = call("agent", root);
    CallImpl llm2 = call("llm2", agent);
    end(llm2, Map.of("model", "gpt-4o", "usage", Map.of("prompt_tokens", 3)), null);
    CallImpl llm3 = call("llm3", agent);
    end(llm3, new ChatResponse("o3", new TokenUsage(1, 2)), null);
    CallImpl tool = call("tool", agent);
    end(tool, null, new RuntimeException("tool failed"));
    // The agent's own output looks like an LLM response, but it has children: not counted again.
    Map<String, Object> agentSummary =
        end(agent, new ChatResponse("gpt-4o", new TokenUsage(100, 100)), null);

    Map<String, Object> rootSummary = end(root, "done", null);

    assertThat(agentSummary)
        .isEqualTo(
            Map.of(
                "usage",
                Map.of(
                    "gpt-4o", Map.of("requests", 1L, "prompt_tokens", 3),
                    "o3", Map.of("requests", 1L, "prompt_tokens", 1, "completion_tokens", 2)),
                "status_counts",
                Map.of("success", 3L, "error", 1L)));
    assertThat(rootSummary)
        .isEqualTo(
            Map.of(
                "usage",
                Map.of(
                    "gpt-4o",
                    Map.of("requests", 2L, "prompt_tokens", 13L, "completion_tokens", 5),
                    "o3",
                    Map.of("requests", 1L, "prompt_tokens", 1, "completion_tokens", 2)),
                "status_counts",
                Map.of("success", 5L, "error", 1L)));
    assertThat(llm2.parentId()).isEqualTo("agent");
    assertThat(llm2.traceId()).isEqualTo("root");
    assertThat(root.parentId()).isNull();
  }

  @Test
  void userSummaryIsDeepMergedOverTheComputedOne() {
    CallImpl root = call("root", null);
    CallImpl child = call("child", root);
    end(child, new ChatResponse("gpt-4o", new TokenUsage(10, 5)), null);
    root.summary().put("usage", Map.of("gpt-4o", Map.of("requests", 42)));
    root.summary().put("custom", Map.of("score", 0.5));

    Map<String, Object> summary = end(root, null, null);

    assertThat(summary)
        .containsEntry(
            "usage",
            Map.of("gpt-4o", Map.of("requests", 42, "prompt_tokens", 10, "completion_tokens", 5)))
        .containsEntry("custom", Map.of("score", 0.5))
        .containsEntry("status_counts", Map.of("success", 2L, "error", 0L));
  }

  @Test
  void childSummaryMapsAreNotSharedWithTheParent() {
    CallImpl root = call("root", null);
    CallImpl child = call("child", root);
    Map<String, Object> childSummary =
        end(child, new ChatResponse("m", new TokenUsage(1, 1)), null);

    end(root, null, null);

    assertThat(childSummary)
        .isEqualTo(
            Map.of(
                "usage",
                Map.of("m", Map.of("requests", 1L, "prompt_tokens", 1, "completion_tokens", 1)),
                "status_counts",
                Map.of("success", 1, "error", 0)));
  }
}
