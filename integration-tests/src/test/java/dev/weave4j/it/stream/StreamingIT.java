package dev.weave4j.it.stream;

import static dev.weave4j.it.harness.CallAssert.assertThatCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.it.apps.stream.StreamApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.TraceStore;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Streamed results under the real agent ({@link StreamApp}): every shape exhausted, stopped early,
 * failed midway and never consumed; the seed's generator examples; a future completed on another
 * thread. One JVM with the agent, one without.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamingIT {

  private static final Pattern PROBLEM =
      Pattern.compile("(?i)\\b(exception|error|warn|warning|severe|fail(ed|ure)?)\\b");

  private JvmRun reference;
  private JvmRun traced;
  private TraceStore store;

  @BeforeAll
  void runApp() {
    AgentJvm app = AgentJvm.app(StreamApp.class);
    reference = app.withoutAgent().run().assertSuccess();
    traced = app.run().assertSuccess();
    store = traced.store();
  }

  private CallNode call(String shape, String mode) {
    List<CallNode> found =
        store.calls("Shapes." + shape).stream()
            .filter(c -> mode.equals(c.inputs().path("mode").asText()))
            .collect(Collectors.toList());
    assertThat(found).as("calls of Shapes.%s(%s)", shape, mode).hasSize(1);
    return found.get(0);
  }

  @Test
  void appBehavesTheSameWithTheAgent() {
    traced.assertSameAppBehaviourAs(reference);
    List<String> problems =
        traced
            .stderr()
            .lines()
            .filter(l -> PROBLEM.matcher(l).find())
            .filter(l -> !l.contains(JvmRun.CDS_NOTICE))
            .filter(l -> !l.contains("BrokenAccumulator")) // the failing accumulator, on purpose
            .filter(
                l ->
                    !l.contains(
                        "user hooks that failed (the call was recorded with a marker): 1 in"))
            .collect(Collectors.toList());
    assertThat(problems).as("stderr\n%s", traced.describe()).isEmpty();
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
    assertThat(store.calls("Shapes.consume"))
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.parentId()).isNull());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "iterator",
        "iterable",
        "stream",
        "intStream",
        "spliterator",
        "publisher",
        "dynamic"
      })
  void lazyShapes(String shape) {
    CallNode exhausted = call(shape, "exhausted");
    assertThatCall(exhausted).isRoot().hasOutput("[0, 10, 20, 30, 40]").succeeded();
    assertThat(exhausted.children())
        .extracting(CallNode::opName)
        .containsOnly("Shapes.produce")
        .hasSize(5);

    CallNode stopped = call(shape, "stopped");
    assertThatCall(stopped).hasOutput("[0, 10]").succeeded();
    assertThat(stopped.children())
        .extracting(CallNode::opName)
        .containsOnly("Shapes.produce")
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
  void futureEndsWhenItCompletesOnAnotherThreadIsCancelledFailsOrNever() {
    assertThatCall(call("future", "exhausted")).hasOutput("42").succeeded();
    assertThat(call("future", "stopped").exceptionText())
        .contains("java.util.concurrent.CancellationException");
    assertThatCall(call("future", "failed"))
        .failedWith("java.lang.IllegalStateException", "async boom", "lambda$future$");
    assertThatCall(call("future", "never")).hasOutput("'<not completed>'");
    assertThat(traced.stdout()).contains("future exhausted: 42", "future stopped: cancelled true");
  }

  @Test
  void seedListAccumulator() {
    assertThatCall(store.root("basic_gen_with_accumulator"))
        .hasInputs("{'x': 3}")
        .hasOutput("[0, 1, 2]")
        .succeeded();
    assertThat(traced.stdout()).contains("list_accumulator: [0, 1, 2]");
    assertThatCall(store.root("tokens")).hasOutput("'Hello, world'");
  }

  @Test
  void seedDeeplyNestedGenerator() {
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
    assertThat(store.calls("inner")).hasSize(6);
  }

  @Test
  void failingAccumulatorLeavesTheStreamWorking() {
    assertThat(traced.stdout()).contains("broken accumulator: ab");
    JsonNode output = store.root("broken_accumulator").output();
    assertThat(output.asText()).contains("BrokenAccumulator", "broken on purpose");
  }
}
