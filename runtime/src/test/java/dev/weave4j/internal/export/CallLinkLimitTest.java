package dev.weave4j.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallLinkLimitTest {

  @Test
  void theFirstCallsGetTheirLinkThenOneLineSaysSoThenNothing() {
    CallLinkLimit limit = new CallLinkLimit(id -> "link " + id, 2, "more: use calls");

    List<String> printed = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      printed.add(limit.apply("c" + i));
    }

    assertThat(printed).containsExactly("link c0", "link c1", "more: use calls", null, null);
  }

  @Test
  void linksOfSentAndOfUnsentCallsCountTowardsOneLimit() {
    CallLinkLimit limit = new CallLinkLimit(id -> "link " + id, 2, "more");
    java.util.function.Function<String, String> unsent = limit.sharing(id -> "spooled " + id);

    assertThat(List.of(limit.apply("c0"), unsent.apply("c1"), unsent.apply("c2")))
        .containsExactly("link c0", "spooled c1", "more");
    assertThat(limit.apply("c3")).isNull();
  }
}
