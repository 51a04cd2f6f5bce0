package dev.weave4j.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The call of a proxy's op and the call of the target it forwards to are one call. */
class TracerProxyCallsTest {

  private final TracerFixture f = new TracerFixture();
  private final OpDescriptor proxy =
      TracerFixture.op("Facts.fact", "topic").forwardingProxy().build();
  private final OpDescriptor target = TracerFixture.op("Facts.fact", "topic").build();
  private final OpDescriptor overload = TracerFixture.op("Facts.fact", "topic", "depth").build();
  private final OpDescriptor child = TracerFixture.op("Lookups.lookup", "key").build();

  @AfterEach
  void nothingLeftCurrent() {
    assertThat(Contexts.current()).isSameAs(CallContext.ROOT);
  }

  @Test
  void theTargetRunInsideTheProxysCallIsFoldedIntoItAndItsChildrenAreTheProxysChildren() {
    f.call(
        proxy,
        new Object[] {"tea"},
        "fact",
        () ->
            f.call(
                target,
                new Object[] {"tea"},
                "fact",
                () -> f.call(child, new Object[] {"k"}, "v")));

    assertThat(names()).containsExactly("Facts.fact", "Lookups.lookup");
    assertThat(f.start("Lookups.lookup").parentId()).isEqualTo(f.start("Facts.fact").id());
  }

  @Test
  void aSecondRunOfTheTargetAndAnOverloadAreCallsOfTheirOwn() {
    f.call(
        proxy,
        new Object[] {"tea"},
        "fact",
        () -> {
          f.call(target, new Object[] {"tea"}, "first");
          f.call(target, new Object[] {"tea"}, "retried");
          f.call(overload, new Object[] {"tea", 2}, "deeper");
        });

    assertThat(names()).containsExactly("Facts.fact", "Facts.fact", "Facts.fact");
    String proxyId = f.starts().get(0).id();
    assertThat(f.starts().subList(1, 3)).allMatch(s -> s.parentId().equals(proxyId));
  }

  @Test
  void anOpThatIsNotAProxyNeverFoldsItsRecursiveCalls() {
    f.call(target, new Object[] {"tea"}, "outer", () -> f.call(target, new Object[] {"t"}, "in"));

    assertThat(names()).containsExactly("Facts.fact", "Facts.fact");
  }

  private List<String> names() {
    return f.starts().stream().map(TracerFixture.Start::opName).toList();
  }
}
