package dev.weave4j.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weave4j.WeaveScope;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContextsTest {

  @AfterEach
  void nothingLeaks() {
    assertThat(Contexts.current()).isSameAs(CallContext.ROOT);
  }

  @Test
  void nestedAttributeScopesMergeShallowlyInnerWins() {
    try (WeaveScope outer = Scopes.attributes(Map.of("env", "prod", "user", "ann"))) {
      try (WeaveScope inner = Scopes.attributes(Map.of("user", "bob"))) {
        assertThat(Contexts.current().attributes())
            .containsExactlyInAnyOrderEntriesOf(Map.of("env", "prod", "user", "bob"));
      }
      assertThat(Contexts.current().attributes())
          .containsExactlyInAnyOrderEntriesOf(Map.of("env", "prod", "user", "ann"));
    }
  }

  @Test
  void scopesClosedOutOfOrderLeaveOnlyTheOpenOnes() {
    WeaveScope a = Scopes.attributes(Map.of("a", 1));
    WeaveScope b = Scopes.attributes(Map.of("b", 2));
    WeaveScope c = Scopes.attributes(Map.of("c", 3));

    a.close();
    assertThat(Contexts.current().attributes()).containsOnlyKeys("b", "c");
    c.close();
    assertThat(Contexts.current().attributes()).containsOnlyKeys("b");
    b.close();
  }

  @Test
  void closingTwiceDoesNothing() {
    WeaveScope a = Scopes.attributes(Map.of("a", 1));
    WeaveScope b = Scopes.attributes(Map.of("b", 2));
    b.close();
    b.close();
    assertThat(Contexts.current().attributes()).containsOnlyKeys("a");
    a.close();
  }

  @Test
  void scopesDoNotLeakToOtherThreads() throws InterruptedException {
    AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
    try (WeaveScope s = Scopes.attributes(Map.of("a", 1))) {
      Thread t = new Thread(() -> seen.set(Contexts.current().attributes()));
      t.start();
      t.join();
    }
    assertThat(seen.get()).isEmpty();
  }

  @Test
  void wrappedTaskRunsWithTheCapturedContextAndRestoresItsOwn() throws Exception {
    AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
    Runnable task;
    try (WeaveScope s = Scopes.attributes(Map.of("a", 1))) {
      task = Scopes.wrap(() -> seen.set(Contexts.current().attributes()));
    }
    try (WeaveScope other = Scopes.attributes(Map.of("b", 2))) {
      task.run();
      assertThat(Contexts.current().attributes()).containsOnlyKeys("b");
    }
    assertThat(seen.get()).containsOnlyKeys("a");
  }

  @Test
  void reservedWeaveKeyIsRejected() {
    assertThatThrownBy(() -> Scopes.attributes(Map.of("weave", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'weave' is reserved");
  }

  @Test
  void disabledAndThreadScopesAreVisibleInside() {
    try (WeaveScope t = Scopes.thread("conv-1");
        WeaveScope d = Scopes.tracingDisabled()) {
      assertThat(Contexts.current().threadId).isEqualTo("conv-1");
      assertThat(Contexts.current().disabled).isTrue();
    }
  }

  @Test
  void opDescriptorBindsMissingArgumentsAsNullAndSkipsIgnored() {
    OpDescriptor op =
        OpDescriptor.builder("A.b", "b")
            .parameters(List.of("x", "secret", "y"), new boolean[] {false, true, false})
            .build();

    Map<String, Object> inputs = op.bindInputs(new Object[] {1});

    assertThat(inputs).containsOnlyKeys("x", "y").containsEntry("x", 1);
    assertThat(op.bindInputs(null)).containsOnlyKeys("x", "y");
  }

  @Test
  void opNamesAreSanitizedAsWeaveObjectIds() {
    assertThat(OpNames.sanitize("Retriever.retrieve")).isEqualTo("Retriever.retrieve");
    assertThat(OpNames.sanitize("my op!")).isEqualTo("my-op");
    assertThat(OpNames.sanitize("a..b__c")).isEqualTo("a-b-c");
    assertThat(OpNames.sanitize("x".repeat(200))).hasSize(128);
  }

  @Test
  void longDisplayNamesAreElidedAsUpstream() {
    String name = OpNames.elideDisplayName("n".repeat(2000));
    assertThat(name).hasSize(1024).endsWith("...");
  }

  @Test
  void contextAwareExecutorRunsTasksUnderTheSubmittersContext() throws Exception {
    java.util.concurrent.ExecutorService pool =
        new ContextAwareExecutorService(java.util.concurrent.Executors.newFixedThreadPool(2));
    try {
      java.util.concurrent.Future<Map<String, Object>> seen;
      try (WeaveScope s = Scopes.attributes(Map.of("request", "r-1"))) {
        seen = pool.submit(() -> Contexts.current().attributes());
      }
      assertThat(seen.get()).containsEntry("request", "r-1");
      assertThat(pool.submit(() -> Contexts.current().attributes()).get()).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }
}
