package dev.weave4j.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weave4j.Call;
import dev.weave4j.CallResult;
import dev.weave4j.Weave;
import dev.weave4j.WeaveScope;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Attributes, threads, tracing disabled, call handles and call links through a real Tracer. */
class TracerScopesTest {

  private final TracerFixture f = new TracerFixture();
  private final OpDescriptor op = TracerFixture.op("T.op", "x").build();
  private final OpDescriptor outer = TracerFixture.op("T.outer").build();
  private final OpDescriptor inner = TracerFixture.op("T.inner").build();

  @AfterEach
  void nothingLeftCurrent() {
    assertThat(Contexts.current()).isSameAs(CallContext.ROOT);
  }

  // ---- attributes ----

  @Test
  void attributesAreRecordedNextToWeaveOwnEntry() {
    try (WeaveScope s = Weave.attributes(Map.of("env", "production"))) {
      f.call(op, new Object[] {1}, null);
    }
    f.call(op, new Object[] {2}, null);

    List<TracerFixture.Start> starts = f.starts("T.op");
    assertThat(starts.get(0).userAttributes())
        .isEqualTo(TracerFixture.json("{'env':'production'}"));
    assertThat(starts.get(0).attributes().get("weave").isObject()).isTrue();
    assertThat(starts.get(1).userAttributes()).isEqualTo(TracerFixture.json("{}"));
    assertThat(starts.get(1).attributes().get("weave").isObject()).isTrue();
  }

  @Test
  void nestedScopesMergeShallowlyInnerWinsAndAreRestored() {
    try (WeaveScope a =
        Weave.attributes(Map.of("env", "prod", "user", "ada", "cfg", Map.of("a", 1, "b", 2)))) {
      try (WeaveScope b = Weave.attributes(Map.of("user", "bob", "cfg", Map.of("a", 9)))) {
        f.call(op, new Object[] {"inner"}, null);
      }
      f.call(op, new Object[] {"outer"}, null);
    }
    f.call(op, new Object[] {"none"}, null);

    List<TracerFixture.Start> s = f.starts("T.op");
    assertThat(s.get(0).userAttributes())
        .isEqualTo(TracerFixture.json("{'env':'prod','user':'bob','cfg':{'a':9}}"));
    assertThat(s.get(1).userAttributes())
        .isEqualTo(TracerFixture.json("{'env':'prod','user':'ada','cfg':{'a':1,'b':2}}"));
    assertThat(s.get(2).userAttributes()).isEqualTo(TracerFixture.json("{}"));
  }

  @Test
  void scopesClosedOutOfOrderRestoreExactlyTheirOwnChange() {
    WeaveScope a = Weave.attributes(Map.of("a", 1));
    WeaveScope b = Weave.attributes(Map.of("b", 2));
    WeaveScope c = Weave.attributes(Map.of("c", 3, "a", 10));
    a.close(); // out of order: b and c stay
    f.call(op, new Object[] {1}, null);
    c.close();
    f.call(op, new Object[] {2}, null);
    b.close();
    b.close(); // twice: harmless
    f.call(op, new Object[] {3}, null);

    List<TracerFixture.Start> s = f.starts("T.op");
    assertThat(s.get(0).userAttributes()).isEqualTo(TracerFixture.json("{'b':2,'c':3,'a':10}"));
    assertThat(s.get(1).userAttributes()).isEqualTo(TracerFixture.json("{'b':2}"));
    assertThat(s.get(2).userAttributes()).isEqualTo(TracerFixture.json("{}"));
  }

  @Test
  void attributesAreCapturedAtCallStartAndFrozen() {
    Map<String, Object> mutable = new HashMap<>();
    mutable.put("k", "before");
    AtomicReference<Call> running = new AtomicReference<>();
    try (WeaveScope s = Weave.attributes(mutable)) {
      mutable.put("k", "changed after the scope opened");
      f.call(
          outer,
          new Object[0],
          null,
          () -> {
            running.set(Weave.currentCall().orElseThrow());
            try (WeaveScope later = Weave.attributes(Map.of("late", true))) {
              f.call(inner, new Object[0], null);
            }
          });
    }

    Call call = running.get();
    assertThat(call.attributes()).isEqualTo(Map.of("k", "before"));
    assertThatThrownBy(() -> call.attributes().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(f.start("T.outer").userAttributes()).isEqualTo(TracerFixture.json("{'k':'before'}"));
    assertThat(f.start("T.inner").userAttributes())
        .isEqualTo(TracerFixture.json("{'k':'before','late':true}"));
  }

  @Test
  void perCallAttributesMergeOverTheScope() {
    try (WeaveScope s = Weave.attributes(Map.of("env", "prod", "user", "ada"))) {
      CallResult<Object> r =
          Weave.callOptions()
              .attributes(Map.of("user", "bob", "request", 7))
              .call(
                  () -> f.call(outer, new Object[0], "o", () -> f.call(inner, new Object[0], "i")));
      assertThat(r.call().orElseThrow().attributes())
          .isEqualTo(Map.of("env", "prod", "user", "bob", "request", 7));
    }

    assertThat(f.start("T.outer").userAttributes())
        .isEqualTo(TracerFixture.json("{'env':'prod','user':'bob','request':7}"));
    // the options belong to the first op only; its children see the scope
    assertThat(f.start("T.inner").userAttributes())
        .isEqualTo(TracerFixture.json("{'env':'prod','user':'ada'}"));
  }

  @Test
  void nestedCallOptionsInnerWins() {
    Weave.callOptions()
        .displayName("outer name")
        .attributes(Map.of("a", 1, "b", 1))
        .run(
            () ->
                Weave.callOptions()
                    .attributes(Map.of("b", 2))
                    .callId("01900000-0000-7000-8000-000000000001")
                    .run(() -> f.call(op, new Object[] {1}, null)));

    TracerFixture.Start s = f.start("T.op");
    assertThat(s.userAttributes()).isEqualTo(TracerFixture.json("{'a':1,'b':2}"));
    assertThat(s.displayName()).isEqualTo("outer name");
    assertThat(s.id()).isEqualTo("01900000-0000-7000-8000-000000000001");
  }

  @Test
  void theReservedKeyWeaveIsRejectedClearly() {
    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("ok", 1);
    bad.put("weave", Map.of("kind", "x"));

    assertThatThrownBy(() -> Weave.attributes(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'weave'")
        .hasMessageContaining("reserved");
    assertThatThrownBy(() -> Weave.callOptions().attributes(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserved");
    assertThatThrownBy(() -> f.tracer.startManual("m", Map.of(), null, bad, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserved");
    // nothing was opened or started by the rejected calls
    f.call(op, new Object[] {1}, null);
    assertThat(f.starts()).hasSize(1);
    assertThat(f.start("T.op").userAttributes()).isEqualTo(TracerFixture.json("{}"));
  }

  // ---- call handles ----

  @Test
  void currentCallIsTheRunningCallAndEmptyOutside() {
    AtomicReference<Call> inOuter = new AtomicReference<>();
    AtomicReference<Call> inInner = new AtomicReference<>();
    AtomicReference<Call> backInOuter = new AtomicReference<>();

    assertThat(Weave.currentCall()).isEmpty();
    f.call(
        outer,
        new Object[0],
        null,
        () -> {
          inOuter.set(Weave.currentCall().orElseThrow());
          f.call(inner, new Object[0], null, () -> inInner.set(Weave.currentCall().orElseThrow()));
          backInOuter.set(Weave.currentCall().orElseThrow());
        });
    assertThat(Weave.currentCall()).isEmpty();

    assertThat(inOuter.get().id()).isEqualTo(f.start("T.outer").id());
    assertThat(inInner.get().id()).isEqualTo(f.start("T.inner").id());
    assertThat(inInner.get().parentId()).isEqualTo(inOuter.get().id());
    assertThat(backInOuter.get()).isSameAs(inOuter.get());
  }

  @Test
  void callReturnsResultAndTheCallOfTheFirstOpStartedDirectly() {
    CallResult<Object> r =
        Weave.call(
            () -> {
              f.call(outer, new Object[0], "first", () -> f.call(inner, new Object[0], "nested"));
              return f.call(op, new Object[] {"World"}, "Hello, World!");
            });

    assertThat(r.result()).isEqualTo("Hello, World!");
    assertThat(r.exception()).isEmpty();
    Call call = r.call().orElseThrow();
    assertThat(call.id()).isEqualTo(f.start("T.outer").id());
    assertThat(call.output()).isEqualTo("first");
    assertThat(call.endedAt()).isPresent();
    assertThat(call.opName()).isEqualTo("T.outer");
  }

  @Test
  void callReturnsTheExceptionInsteadOfThrowing() {
    IllegalStateException boom = new IllegalStateException("boom");

    CallResult<Object> r =
        Weave.call(
            () ->
                f.run(
                    op,
                    new Object[] {1},
                    () -> {
                      throw boom;
                    }));

    assertThat(r.result()).isNull();
    assertThat(r.exception()).containsSame(boom);
    Call call = r.call().orElseThrow();
    assertThat(call.exception()).containsSame(boom);
    assertThat(call.output()).isNull();
    assertThat(f.end(call.id()).exception()).contains("boom");
  }

  @Test
  void callWithoutAnOpHasNoCall() {
    CallResult<String> r = Weave.call(() -> "plain");

    assertThat(r.result()).isEqualTo("plain");
    assertThat(r.call()).isEmpty();
    assertThat(f.starts()).isEmpty();
  }

  @Test
  void callInsideARunningCallHandsOutTheChild() {
    AtomicReference<CallResult<Object>> r = new AtomicReference<>();
    f.call(
        outer,
        new Object[0],
        null,
        () -> r.set(Weave.call(() -> f.call(inner, new Object[0], "i"))));

    assertThat(r.get().call().orElseThrow().id()).isEqualTo(f.start("T.inner").id());
    assertThat(r.get().call().orElseThrow().parentId()).isEqualTo(f.start("T.outer").id());
  }

  // ---- threads ----

  @Test
  void threadScopeSetsThreadIdAndTurns() {
    try (WeaveScope t = Weave.thread("conv-1")) {
      f.call(outer, new Object[0], null, () -> f.call(inner, new Object[0], null));
      f.call(op, new Object[] {2}, null);
    }
    f.call(op, new Object[] {3}, null);

    TracerFixture.Start turn1 = f.start("T.outer");
    TracerFixture.Start child = f.start("T.inner");
    List<TracerFixture.Start> ops = f.starts("T.op");
    assertThat(turn1.threadId()).isEqualTo("conv-1");
    assertThat(turn1.turnId()).isEqualTo(turn1.id());
    assertThat(child.threadId()).isEqualTo("conv-1");
    assertThat(child.turnId()).isEqualTo(turn1.id());
    assertThat(ops.get(0).threadId()).isEqualTo("conv-1");
    assertThat(ops.get(0).turnId()).isEqualTo(ops.get(0).id());
    assertThat(ops.get(1).threadId()).isNull();
    assertThat(ops.get(1).turnId()).isNull();
  }

  @Test
  void threadOpenedInsideACallMakesTheNextCallATurn() {
    f.call(
        outer,
        new Object[0],
        null,
        () -> {
          try (WeaveScope t = Weave.thread("conv-2")) {
            f.call(inner, new Object[0], null, () -> f.call(op, new Object[] {1}, null));
          }
        });

    TracerFixture.Start o = f.start("T.outer");
    TracerFixture.Start turn = f.start("T.inner");
    TracerFixture.Start leaf = f.start("T.op");
    assertThat(o.threadId()).isNull();
    assertThat(turn.threadId()).isEqualTo("conv-2");
    assertThat(turn.turnId()).isEqualTo(turn.id());
    assertThat(turn.parentId()).isEqualTo(o.id());
    assertThat(leaf.turnId()).isEqualTo(turn.id());
  }

  @Test
  void threadWithoutIdGeneratesOneAndNullEndsTheThread() {
    try (WeaveScope t = Weave.thread()) {
      f.call(outer, new Object[0], null);
      try (WeaveScope none = Weave.thread(null)) {
        f.call(inner, new Object[0], null);
      }
    }
    try (WeaveScope t = Weave.thread()) {
      f.call(op, new Object[] {1}, null);
    }

    String generated = f.start("T.outer").threadId();
    assertThat(generated)
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(f.start("T.inner").threadId()).isNull();
    assertThat(f.start("T.inner").turnId()).isNull();
    assertThat(f.start("T.op").threadId()).isNotNull().isNotEqualTo(generated);
  }

  // ---- tracing disabled ----

  @Test
  void tracingDisabledRecordsNothingButRunsTheCode() {
    AtomicInteger ran = new AtomicInteger();
    try (WeaveScope off = Weave.tracingDisabled()) {
      Object r =
          f.call(
              outer,
              new Object[0],
              "out",
              () -> {
                ran.incrementAndGet();
                assertThat(Weave.currentCall()).isEmpty();
                f.call(inner, new Object[0], null, ran::incrementAndGet);
              });
      assertThat(r).isEqualTo("out");
      Call manual = f.tracer.startManual("manual", Map.of("a", 1), null, null, null);
      assertThat(manual.id()).isEmpty();
      Tracer.finishManual(manual, "x", null);
      CallResult<Object> handle = Weave.call(() -> f.call(op, new Object[] {1}, "v"));
      assertThat(handle.result()).isEqualTo("v");
      assertThat(handle.call()).isEmpty();
    }
    assertThat(ran).hasValue(2);
    assertThat(f.processor.records()).isEmpty();

    f.call(op, new Object[] {1}, null);
    assertThat(f.starts()).hasSize(1);
  }

  @Test
  void tracingDisabledInsideACallSkipsOnlyTheInnerCalls() {
    f.call(
        outer,
        new Object[0],
        null,
        () -> {
          try (WeaveScope off = Weave.tracingDisabled()) {
            f.call(inner, new Object[0], null);
          }
          f.call(op, new Object[] {1}, null);
        });

    assertThat(f.starts())
        .extracting(TracerFixture.Start::opName)
        .containsExactly("T.outer", "T.op");
    assertThat(f.start("T.op").parentId()).isEqualTo(f.start("T.outer").id());
    assertThat(f.end(f.start("T.outer").id()).summary().get("status_counts"))
        .isEqualTo(TracerFixture.json("{'success':2,'error':0}"));
  }

  // ---- call links ----

  @Test
  void onlyRootCallsAskForALinkAndOnlyWhenEnabled() {
    TracerFixture linked = new TracerFixture(true);
    linked.call(outer, new Object[0], null, () -> linked.call(inner, new Object[0], null));
    Call manual = linked.tracer.startManual("manual", Map.of(), null, null, null);
    Tracer.finishManual(manual, null, null);
    f.call(outer, new Object[0], null);

    assertThat(linked.start("T.outer").raw().rootLink()).isTrue();
    assertThat(linked.start("T.inner").raw().rootLink()).isFalse();
    assertThat(linked.start("manual").raw().rootLink()).isTrue();
    assertThat(f.start("T.outer").raw().rootLink()).isFalse();
  }
}
