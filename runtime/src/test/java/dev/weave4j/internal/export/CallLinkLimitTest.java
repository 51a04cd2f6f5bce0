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
}
