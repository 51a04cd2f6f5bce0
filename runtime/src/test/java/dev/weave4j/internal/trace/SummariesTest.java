package dev.weave4j.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummariesTest {

  private static Map<String, Object> mutable(Map<String, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> inner ? mutableAny(inner) : v));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mutableAny(Map<?, ?> m) {
    return mutable((Map<String, ?>) m);
  }

  @Test
  void numericLeavesAreSummedAndMapsRecurse() {
    Map<String, Object> target = mutable(Map.of("a", 1, "nested", Map.of("x", 2L, "y", 1.5)));

    Summaries.sumInto(target, Map.of("a", 2, "nested", Map.of("x", 3, "y", 0.25, "z", 7)));

    assertThat(target).containsEntry("a", 3L);
    assertThat(target.get("nested")).isEqualTo(Map.of("x", 5L, "y", 1.75, "z", 7));
  }

  @Test
  void missingEntriesAreCopiedNotShared() {
    Map<String, Object> source = mutable(Map.of("nested", Map.of("x", 1)));
    Map<String, Object> target = new LinkedHashMap<>();

    Summaries.sumInto(target, source);
    Summaries.sumInto(target, source);

    assertThat(target.get("nested")).isEqualTo(Map.of("x", 2L));
    assertThat(source.get("nested")).isEqualTo(Map.of("x", 1));
  }

  @Test
  void nonNumericLeavesKeepTheFirstValue() {
    Map<String, Object> target = mutable(Map.of("s", "first"));

    Summaries.sumInto(target, Map.of("s", "second", "n", 1));

    assertThat(target).containsEntry("s", "first").containsEntry("n", 1);
  }

  @Test
  void listsAreConcatenatedAsCurrentWeaveDoes() {
    Map<String, Object> target = mutable(Map.of("sources", java.util.List.of("a")));

    Summaries.sumInto(target, Map.of("sources", java.util.List.of("b", "c")));

    assertThat(target.get("sources")).isEqualTo(java.util.List.of("a", "b", "c"));
  }

  @Test
  void deepMergeLetsOverlayWinAndKeepsSiblings() {
    Map<String, Object> target =
        mutable(Map.of("usage", Map.of("m", Map.of("requests", 1, "tokens", 10)), "k", 1));

    Summaries.deepMerge(
        target, Map.of("usage", Map.of("m", Map.of("requests", 5)), "k", "replaced", "new", true));

    assertThat(target)
        .isEqualTo(
            Map.of(
                "usage",
                Map.of("m", Map.of("requests", 5, "tokens", 10)),
                "k",
                "replaced",
                "new",
                true));
  }
}
