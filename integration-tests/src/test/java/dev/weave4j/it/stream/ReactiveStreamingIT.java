package dev.weave4j.it.stream;

import static dev.weave4j.it.harness.CallAssert.assertThatCall;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.apps.stream.ReactiveApp;
import dev.weave4j.it.apps.stream.StreamApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.ItEnv;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.TraceStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reactive results under the real agent ({@link ReactiveApp}, with reactive-streams and
 * reactor-core on its class path): Flux, Mono, a plain Reactive Streams Publisher and a Flux
 * declared as Object, each exhausted, stopped early, failed midway and never subscribed; the seed's
 * nested generator with Fluxes; Reactor's Context reaching the op's Mono and Flux. Then {@link
 * StreamApp}, which uses no reactive library: with those libraries on its class path none of their
 * classes is loaded, and without them it runs as well.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReactiveStreamingIT {

  private static final Pattern PROBLEM =
      Pattern.compile("(?i)\\b(exception|error|warn|warning|severe|fail(ed|ure)?)\\b");

  /** Class-load log lines of the reactive libraries. */
  private static final Pattern REACTIVE_CLASS =
      Pattern.compile("\\b(org\\.reactivestreams|reactor\\.(core|util))\\.");

  private JvmRun reference;
  private JvmRun traced;
  private TraceStore store;

  @BeforeAll
  void runApp() {
    AgentJvm app = AgentJvm.app(ReactiveApp.class);
    reference = app.withoutAgent().run().assertSuccess();
    traced = app.run().assertSuccess();
    store = traced.store();
  }

  private CallNode call(String shape, String mode) {
    List<CallNode> found =
        store.calls("ReactiveShapes." + shape).stream()
            .filter(c -> mode.equals(c.inputs().path("mode").asText()))
            .collect(Collectors.toList());
    assertThat(found).as("calls of ReactiveShapes.%s(%s)", shape, mode).hasSize(1);
    return found.get(0);
  }

  @Test
  void appBehavesTheSameWithTheAgent() {
    traced.assertSameAppBehaviourAs(reference);
    assertThat(traced.stdout())
        .contains(
            "flux exhausted: [0, 10, 20, 30, 40] complete",
            "flux failed: [0, 10] error boom at 2",
            "mono exhausted: 20",
            "context: HELLO ADA",
            "flux context: again v",
            "joined: [Hel, lo, , world]");
    // Reactor's own stderr notices (e.g. SLF4J without a binding) are in the reference run too.
    traced.assertNoProblemsReported(reference);
  }

  @Test
  void everyCallEndsExactlyOnce() {
    List<String> starts =
        store.starts().stream().map(s -> s.path("id").asText()).collect(Collectors.toList());
    List<String> ends =
        store.ends().stream().map(s -> s.path("id").asText()).collect(Collectors.toList());
    assertThat(ends).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(starts);
    assertThat(store.calls()).noneMatch(c -> c.status().equals("running"));
  }

  @Test
  void consumersOpsAreNotChildrenOfTheStreamingCall() {
    assertThat(store.calls("ReactiveShapes.consume"))
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.parentId()).isNull());
  }

  @ParameterizedTest
  @ValueSource(strings = {"flux", "publisher", "dynamic"})
  void multiValuedShapes(String shape) {
    CallNode exhausted = call(shape, "exhausted");
    assertThatCall(exhausted).isRoot().hasOutput("[0, 10, 20, 30, 40]").succeeded();
    assertThat(exhausted.children())
        .extracting(CallNode::opName)
        .containsOnly("ReactiveShapes.produce")
        .hasSize(5);

    CallNode stopped = call(shape, "stopped");
    assertThatCall(stopped).hasOutput("[0, 10]").succeeded();
    assertThat(stopped.children())
        .extracting(CallNode::opName)
        .containsOnly("ReactiveShapes.produce")
        .hasSize(2);

    CallNode failed = call(shape, "failed");
    assertThatCall(failed)
        .hasOutput("[0, 10]")
        .failedWith("java.lang.IllegalStateException", "boom at 2", "produce");
    assertThat(failed.children()).hasSize(3);

    CallNode never = call(shape, "never");
    assertThatCall(never).hasOutput("'<not consumed>'");
    assertThat(never.children()).isEmpty();
    assertThat(never.status()).isEqualTo("success");
  }

  @Test
  void monoOutputIsItsValue() {
    CallNode exhausted = call("mono", "exhausted");
    assertThatCall(exhausted).isRoot().hasOutput("20").hasChildOps("ReactiveShapes.produce");
    assertThatCall(exhausted).succeeded();

    CallNode stopped = call("mono", "stopped");
    assertThatCall(stopped).hasOutput("null").succeeded();
    assertThat(stopped.children()).isEmpty();
    assertThat(traced.stdout()).contains("mono stopped: disposed true");

    CallNode failed = call("mono", "failed");
    assertThatCall(failed).failedWith("java.lang.IllegalStateException", "boom at 2", "produce");
    assertThat(traced.stdout()).contains("mono failed: error boom at 2");

    CallNode never = call("mono", "never");
    assertThatCall(never).hasOutput("'<not consumed>'");
    assertThat(never.children()).isEmpty();
  }

  @Test
  void seedDeeplyNestedGeneratorWithFluxes() {
    CallNode root = store.root("deeply_nested_generator");
    assertThatCall(root)
        .hasInputs("{'x': 4}")
        .hasOutput("[1, 1, 2, 1, 2, 3]")
        .hasChildOps("nested_generator", "nested_generator", "nested_generator", "nested_generator")
        .isConsistentTree()
        .succeeded();
    assertThat(root.children()).extracting(n -> n.children().size()).containsExactly(0, 1, 2, 3);
    for (CallNode nested : root.children()) {
      assertThat(nested.children()).allSatisfy(c -> assertThat(c.opName()).isEqualTo("inner"));
    }
    assertThat(root.findAll("inner")).hasSize(6);
    assertThat(traced.stdout()).contains("deeply_nested_generator: [1, 1, 2, 1, 2, 3]");
  }

  @Test
  void reactorContextReachesTheOpsPublisher() {
    assertThatCall(store.root("greeting")).hasOutput("'hello ada'").succeeded();
    assertThatCall(store.root("echo")).hasOutput("['k=v', 'again v']").succeeded();
  }

  @Test
  void opsRunOnReactorWorkersAreChildren() {
    for (String op : List.of("subscribed_elsewhere", "emitted_elsewhere")) {
      CallNode root = store.root(op);
      assertThatCall(root).hasOutput("[1, 2, 3]").hasChildOps("inner", "inner", "inner");
      assertThatCall(root).isConsistentTree().succeeded();
    }
    assertThat(traced.stdout()).contains("subscribeOn: [1, 2, 3]", "publishOn: [1, 2, 3]");
  }

  @Test
  void accumulatorOverAFlux() {
    assertThatCall(store.root("tokens")).hasOutput("'Hello, world'").succeeded();
  }

  @Test
  void appNotUsingReactorLoadsNoneOfItsClasses() throws IOException {
    JvmRun run =
        AgentJvm.app(StreamApp.class)
            .withJvmArgs("-Xlog:class+load=info:file=classes.log")
            .run()
            .assertSuccess();
    List<String> loaded = Files.readAllLines(run.workDir().resolve("classes.log"));
    assertThat(loaded).as("class-load log").isNotEmpty();
    assertThat(loaded).filteredOn(l -> REACTIVE_CLASS.matcher(l).find()).isEmpty();
    assertThat(run.store().calls("Shapes.publisher")).hasSize(4);
  }

  @Test
  void appWithoutReactiveLibrariesOnItsClassPathWorks() {
    String withoutReactive =
        Arrays.stream(ItEnv.appClasspath().split(File.pathSeparator))
            .filter(e -> !e.contains("reactor-core") && !e.contains("reactive-streams"))
            .collect(Collectors.joining(File.pathSeparator));
    assertThat(withoutReactive).isNotEqualTo(ItEnv.appClasspath());
    JvmRun run = AgentJvm.app(StreamApp.class).withClasspath(withoutReactive).run().assertSuccess();
    assertThat(run.stdout()).contains("publisher exhausted: [0, 10, 20, 30, 40, complete]", "done");
    List<String> problems =
        run.stderr()
            .lines()
            .filter(l -> PROBLEM.matcher(l).find())
            .filter(l -> !l.contains(JvmRun.CDS_NOTICE))
            .filter(l -> !l.contains("BrokenAccumulator")) // StreamApp's, on purpose
            .filter(l -> !l.contains("user hooks that failed"))
            .collect(Collectors.toList());
    assertThat(problems).as("stderr\n%s", run.describe()).isEmpty();
    assertThat(run.store().calls("Shapes.publisher")).hasSize(4);
  }
}
