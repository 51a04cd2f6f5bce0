package dev.weave4j.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.Call;
import dev.weave4j.CallResult;
import dev.weave4j.Weave;
import dev.weave4j.WeaveScope;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Summaries, sampling and manual calls through a real Tracer. */
class TracerCallsTest {

  private final TracerFixture f = new TracerFixture();
  private final OpDescriptor root = TracerFixture.op("T.root").build();
  private final OpDescriptor agent = TracerFixture.op("T.agent").build();
  private final OpDescriptor llm = TracerFixture.op("T.llm", "prompt").build();

  record TokenUsage(int promptTokens, int completionTokens) {}

  record ChatResponse(String model, TokenUsage usage) {}

  @AfterEach
  void nothingLeftCurrent() {
    assertThat(Contexts.current()).isSameAs(CallContext.ROOT);
  }

  // ---- summary ----

  @Test
  void userSummaryIsDeepMergedIntoTheRecordedSummary() {
    f.call(
        root,
        new Object[0],
        null,
        () -> {
          Map<String, Object> s = Weave.currentCall().orElseThrow().summary();
          s.put("score", 0.9);
          s.put("usage", Map.of("gpt-4o", Map.of("cached_tokens", 5)));
          s.put("status_counts", Map.of("retried", 1));
          f.call(llm, new Object[] {"p"}, new ChatResponse("gpt-4o", new TokenUsage(10, 2)));
        });

    assertThat(f.end(f.start("T.root").id()).summary())
        .isEqualTo(
            TracerFixture.json(
                "{'usage':{'gpt-4o':{'requests':1,'prompt_tokens':10,'completion_tokens':2,"
                    + "'cached_tokens':5}},"
                    + "'status_counts':{'success':2,'error':0,'retried':1},"
                    + "'score':0.9}"));
  }

  @Test
  void usageRollsUpOverThreeLevelsBySumming() {
    f.call(
        root,
        new Object[0],
        null,
        () -> {
          f.call(llm, new Object[] {"a"}, new ChatResponse("gpt-4o", new TokenUsage(10, 5)));
          f.call(
              agent,
              new Object[0],
              null,
              () -> {
                f.call(llm, new Object[] {"b"}, new ChatResponse("gpt-4o", new TokenUsage(3, 1)));
                f.call(
                    llm,
                    new Object[] {"c"},
                    Map.of("model", "claude", "usage", Map.of("input_tokens", 7)));
              });
          try {
            f.run(
                llm,
                new Object[] {"d"},
                () -> {
                  throw new IllegalStateException("rate limited");
                });
          } catch (Exception expected) {
            // recorded as an error
          }
        });

    String agentId = f.start("T.agent").id();
    assertThat(f.end(agentId).summary())
        .isEqualTo(
            TracerFixture.json(
                "{'usage':{'gpt-4o':{'requests':1,'prompt_tokens':3,'completion_tokens':1},"
                    + "'claude':{'requests':1,'input_tokens':7}},"
                    + "'status_counts':{'success':3,'error':0}}"));
    assertThat(f.end(f.start("T.root").id()).summary())
        .isEqualTo(
            TracerFixture.json(
                "{'usage':{'gpt-4o':{'requests':2,'prompt_tokens':13,'completion_tokens':6},"
                    + "'claude':{'requests':1,'input_tokens':7}},"
                    + "'status_counts':{'success':5,'error':1}}"));
  }

  @Test
  void statusCountsOfAFailedRoot() {
    try {
      f.run(
          root,
          new Object[0],
          () -> {
            f.call(llm, new Object[] {"a"}, "x");
            throw new IllegalStateException("root failed");
          });
    } catch (Exception expected) {
      assertThat(expected).hasMessage("root failed");
    }

    assertThat(f.end(f.start("T.root").id()).summary())
        .isEqualTo(TracerFixture.json("{'status_counts':{'success':1,'error':1}}"));
  }

  // ---- sampling ----

  @Test
  void sampleRateZeroRecordsNothingButRunsEverything() {
    OpDescriptor never = TracerFixture.op("T.never").sampleRate(0.0).build();
    AtomicInteger ran = new AtomicInteger();

    for (int i = 0; i < 20; i++) {
      Object r =
          f.call(
              never,
              new Object[0],
              "result",
              () -> {
                ran.incrementAndGet();
                assertThat(Weave.currentCall()).isEmpty();
                f.call(agent, new Object[0], null, ran::incrementAndGet);
                Call manual = f.tracer.startManual("manual", Map.of(), null, null, null);
                Tracer.finishManual(manual, null, null);
              });
      assertThat(r).isEqualTo("result");
    }

    assertThat(ran).hasValue(40);
    assertThat(f.processor.records()).isEmpty();
    f.call(agent, new Object[0], null);
    assertThat(f.starts()).hasSize(1);
  }

  // ---- overload ----

  @Test
  void callsStartedWhileTheQueueIsFullAreDroppedWholeAndCounted() {
    long before = Diagnostics.count(Problem.QUEUE_FULL);
    f.processor.room = false;

    Object r =
        f.call(
            root,
            new Object[0],
            "result",
            () -> {
              assertThat(Weave.currentCall()).isEmpty();
              f.call(agent, new Object[0], null);
              Call manual = f.tracer.startManual("manual", Map.of(), null, null, null);
              Tracer.finishManual(manual, null, null);
            });

    assertThat(r).isEqualTo("result");
    assertThat(f.processor.records()).isEmpty();
    assertThat(Diagnostics.count(Problem.QUEUE_FULL) - before).isEqualTo(2); // root's start+end
    f.processor.room = true;
    f.call(root, new Object[0], null, () -> f.call(agent, new Object[0], null));
    assertThat(f.starts()).hasSize(2);
  }

  @Test
  void aCallWhoseStartIsRefusedIsNotTracedNorAnythingInsideItSoNoEndOrChildIsOrphaned() {
    long before = Diagnostics.count(Problem.QUEUE_FULL);
    f.processor.acceptStarts = false;

    Object r =
        f.call(
            root,
            new Object[0],
            "result",
            () -> {
              assertThat(Weave.currentCall()).isEmpty();
              f.processor.acceptStarts = true; // room again: the child is still not traced
              f.call(agent, new Object[0], null);
              Call manual = f.tracer.startManual("manual", Map.of(), null, null, null);
              Tracer.finishManual(manual, null, null);
            });

    assertThat(r).isEqualTo("result");
    assertThat(f.processor.records()).isEmpty();
    assertThat(Diagnostics.count(Problem.QUEUE_FULL) - before).isEqualTo(1); // the end not sent
    f.call(root, new Object[0], null, () -> f.call(agent, new Object[0], null));
    assertThat(f.starts()).hasSize(2);
    assertThat(f.ends()).hasSize(2);
  }

  @Test
  void aCallStartedWithRoomStillEndsWhenTheQueueFillsMeanwhile() {
    f.call(root, new Object[0], "done", () -> f.processor.room = false);

    assertThat(f.starts()).hasSize(1);
    assertThat(f.end(f.start("T.root").id()).output()).isEqualTo(TracerFixture.json("'done'"));
  }

  @Test
  void sampleRateOneRecordsEverything() {
    OpDescriptor always = TracerFixture.op("T.always").sampleRate(1.0).build();

    for (int i = 0; i < 50; i++) {
      f.call(always, new Object[0], null, () -> f.call(agent, new Object[0], null));
    }

    assertThat(f.starts("T.always")).hasSize(50);
    assertThat(f.starts("T.agent")).hasSize(50);
    assertThat(f.ends()).hasSize(100);
  }

  @Test
  void sampleRateHalfKeepsOrDropsWholeTrees() {
    OpDescriptor half = TracerFixture.op("T.half", "i").sampleRate(0.5).build();
    OpDescriptor childNever = TracerFixture.op("T.childNever").sampleRate(0.0).build();

    for (int i = 0; i < 400; i++) {
      f.call(
          half,
          new Object[] {i},
          null,
          () -> f.call(agent, new Object[0], null, () -> f.call(childNever, new Object[0], null)));
    }

    List<TracerFixture.Start> roots = f.starts("T.half");
    assertThat(roots.size()).isBetween(120, 280);
    Set<String> rootIds = roots.stream().map(TracerFixture.Start::id).collect(Collectors.toSet());
    // every kept root has its whole tree, with the child's own rate ignored below the root
    assertThat(f.starts("T.agent")).hasSize(roots.size());
    assertThat(f.starts("T.childNever")).hasSize(roots.size());
    assertThat(f.starts("T.agent")).allSatisfy(a -> assertThat(rootIds).contains(a.parentId()));
    Set<String> agentIds =
        f.starts("T.agent").stream().map(TracerFixture.Start::id).collect(Collectors.toSet());
    assertThat(f.starts("T.childNever"))
        .allSatisfy(c -> assertThat(agentIds).contains(c.parentId()));
    assertThat(f.ends()).hasSize(3 * roots.size());
    assertThat(new HashSet<>(f.starts().stream().map(TracerFixture.Start::traceId).toList()))
        .hasSize(roots.size());
  }

  @Test
  void sampleRateOfANestedOpIsIgnored() {
    OpDescriptor never = TracerFixture.op("T.never").sampleRate(0.0).build();

    f.call(root, new Object[0], null, () -> f.call(never, new Object[0], null));

    assertThat(f.start("T.never").parentId()).isEqualTo(f.start("T.root").id());
  }

  @Test
  void sampledOutCallRestoresTheContext() {
    OpDescriptor never = TracerFixture.op("T.never").sampleRate(0.0).build();

    f.call(never, new Object[0], null);
    f.call(root, new Object[0], null);

    assertThat(f.starts()).extracting(TracerFixture.Start::opName).containsExactly("T.root");
  }

  // ---- manual calls ----

  @Test
  void manualCallAsInTheDocs() {
    Call call = f.tracer.startManual("my_function", Map.of("name", "World"), null, null, null);
    Tracer.finishManual(call, "Hello, World!", null);

    TracerFixture.Start s = f.start("my_function");
    assertThat(s.id()).isEqualTo(call.id());
    assertThat(s.parentId()).isNull();
    assertThat(s.traceId()).isNotBlank();
    assertThat(s.inputs()).isEqualTo(TracerFixture.json("{'name':'World'}"));
    assertThat(s.displayName()).isNull();
    assertThat(s.userAttributes()).isEqualTo(TracerFixture.json("{}"));
    TracerFixture.End e = f.end(call.id());
    assertThat(e.output().asText()).isEqualTo("Hello, World!");
    assertThat(e.exception()).isNull();
    assertThat(e.summary())
        .isEqualTo(TracerFixture.json("{'status_counts':{'success':1,'error':0}}"));
    assertThat(call.output()).isEqualTo("Hello, World!");
    assertThat(call.endedAt()).isPresent();
  }

  @Test
  void manualCallNestsUnderTheCurrentCallAndOpsInsideBecomeItsChildren() {
    Call[] manual = new Call[1];
    f.call(
        root,
        new Object[0],
        null,
        () -> {
          manual[0] =
              f.tracer.startManual(
                  "manual step", Map.of("k", 1), null, Map.of("tag", "m"), "Manual Step");
          assertThat(Weave.currentCall()).containsSame(manual[0]);
          f.call(llm, new Object[] {"inside"}, "x");
          Tracer.finishManual(manual[0], Map.of("done", true), null);
          assertThat(Weave.currentCall().orElseThrow().opName()).isEqualTo("T.root");
          f.call(llm, new Object[] {"after"}, "y");
        });

    TracerFixture.Start r = f.start("T.root");
    TracerFixture.Start m = f.start("manual-step");
    List<TracerFixture.Start> llms = f.starts("T.llm");
    assertThat(m.parentId()).isEqualTo(r.id());
    assertThat(m.traceId()).isEqualTo(r.traceId());
    assertThat(m.displayName()).isEqualTo("Manual Step");
    assertThat(m.userAttributes()).isEqualTo(TracerFixture.json("{'tag':'m'}"));
    assertThat(llms.get(0).parentId()).isEqualTo(m.id());
    assertThat(llms.get(1).parentId()).isEqualTo(r.id());
    assertThat(f.end(m.id()).output()).isEqualTo(TracerFixture.json("{'done':true}"));
    assertThat(f.end(r.id()).summary().get("status_counts"))
        .isEqualTo(TracerFixture.json("{'success':4,'error':0}"));
  }

  @Test
  void manualCallAttributesMergeOverTheScopeAndExplicitParentWins() {
    Call parent = f.tracer.startManual("parent", Map.of(), null, null, null);
    Tracer.finishManual(parent, null, null);
    Call child;
    try (WeaveScope s = Weave.attributes(Map.of("env", "prod", "user", "ada"))) {
      child = f.tracer.startManual("child", null, parent, Map.of("user", "bob"), null);
    }
    Tracer.finishManual(child, null, null);

    TracerFixture.Start c = f.start("child");
    assertThat(c.parentId()).isEqualTo(parent.id());
    assertThat(c.traceId()).isEqualTo(parent.traceId());
    assertThat(c.inputs()).isEqualTo(TracerFixture.json("{}"));
    assertThat(c.userAttributes()).isEqualTo(TracerFixture.json("{'env':'prod','user':'bob'}"));
  }

  @Test
  void failedManualCallRecordsTheException() {
    Call call = f.tracer.startManual("risky", Map.of(), null, null, null);
    Tracer.finishManual(call, null, new IllegalStateException("went wrong"));
    Tracer.finishManual(call, "again", null); // a second finish is ignored

    TracerFixture.End e = f.end(call.id());
    assertThat(e.exception()).contains("IllegalStateException").contains("went wrong");
    assertThat(e.output().isNull()).isTrue();
    assertThat(e.summary())
        .isEqualTo(TracerFixture.json("{'status_counts':{'success':0,'error':1}}"));
    assertThat(call.exception()).isPresent();
  }

  @Test
  void manualCallCanBeFinishedOnAnotherThread() throws Exception {
    Call call = f.tracer.startManual("async", Map.of(), null, null, null);
    Thread t = new Thread(() -> Tracer.finishManual(call, "done", null));
    t.start();
    t.join();

    assertThat(f.end(call.id()).output().asText()).isEqualTo("done");
    // the starting thread still has it current until it is finished here too
    Tracer.finishManual(call, "ignored", null);
    assertThat(f.ends()).hasSize(1);
  }

  @Test
  void manualCallTakesPendingCallOptions() {
    CallResult<Call> r =
        Weave.callOptions()
            .displayName("from options")
            .call(
                () -> {
                  Call c = f.tracer.startManual("m", Map.of(), null, null, null);
                  Tracer.finishManual(c, null, null);
                  return c;
                });

    assertThat(r.call()).containsSame(r.result());
    assertThat(f.start("m").displayName()).isEqualTo("from options");
  }

  @Test
  void callsAfterAManualCallFinishedOnAnotherThreadAreNotItsChildren() throws Exception {
    Call call = f.tracer.startManual("async", Map.of(), null, null, null);
    Thread t = new Thread(() -> Tracer.finishManual(call, "done", null));
    t.start();
    t.join();

    Call next = f.tracer.startManual("next", Map.of(), null, null, null);
    Tracer.finishManual(next, null, null);

    assertThat(next.parentId()).isNull();
    assertThat(Contexts.currentOrNull()).isNull();
  }
}
