package dev.weave4j.it;

import static dev.weave4j.it.harness.CallAssert.assertThatCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.it.apps.HostileApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.Json;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.TraceStore;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Values that trip serializers ({@link HostileApp}): cycles, a 50 MB string, accessors that throw,
 * nesting 10,000 deep. Recorded in a bounded form; the app never notices.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileValuesIT {

  private static final int MAX_LINE_BYTES = 2 * 1024 * 1024;
  private static final List<String> OPS =
      List.of(
          "Hostile.relink",
          "Hostile.count",
          "Hostile.keys",
          "Hostile.measure",
          "Hostile.inflate",
          "Hostile.inspect",
          "Hostile.mapDepth",
          "Hostile.listDepth",
          "Hostile.chainLength");

  private JvmRun reference;
  private JvmRun traced;
  private TraceStore store;

  @BeforeAll
  void runApp() {
    AgentJvm app = AgentJvm.app(HostileApp.class);
    reference = app.withoutAgent().run().assertSuccess();
    traced = app.run();
    store = traced.store();
  }

  @Test
  void appNeverSeesAnExceptionAndBehavesTheSame() {
    traced.assertSameAppBehaviourAs(reference).assertNoProblemsReported(reference);
    assertThat(traced.stdout()).endsWith("done\n");
  }

  @Test
  void everyStoredLineIsBoundedInSizeAndDepth() {
    assertThat(store.lines()).isNotEmpty();
    for (TraceStore.Line line : store.lines()) {
      assertThat(line.bytes()).as("size of stored line %s", line).isLessThan(MAX_LINE_BYTES);
      assertThat(Json.depth(line.text()))
          .as("nesting depth of stored line %s", line)
          .isLessThan(HostileApp.DEEP);
    }
  }

  @Test
  void everyHostileCallIsRecordedAsASuccessWithItsInputs() {
    for (String op : OPS) {
      List<CallNode> calls = store.calls(op);
      assertThat(calls).as("calls of %s", op).hasSize(1);
      assertThatCall(calls.get(0)).isRoot().succeeded();
      assertThat(calls.get(0).inputs().size()).as("inputs of %s", calls.get(0)).isEqualTo(1);
    }
    assertThatCall(store.root("Hostile.count")).hasOutput("2");
    assertThatCall(store.root("Hostile.keys")).hasOutput("1");
    assertThatCall(store.root("Hostile.mapDepth")).hasOutput("10001");
    assertThatCall(store.root("Hostile.listDepth")).hasOutput("10000");
    assertThatCall(store.root("Hostile.chainLength")).hasOutput("10000");
    assertThatCall(store.root("Hostile.measure")).hasOutput(String.valueOf(50 * 1024 * 1024));
  }

  @Test
  void hugeStringsAreTruncatedNotDropped() {
    JsonNode text = store.root("Hostile.measure").inputs().path("text");
    assertThat(text.isTextual()).as("input text: %s", text).isTrue();
    assertThat(text.asText()).startsWith("xxxxxxxxxxxxxxxx").hasSizeLessThan(MAX_LINE_BYTES);

    JsonNode out = store.root("Hostile.inflate").output();
    assertThat(out.isTextual()).as("output: %s", out).isTrue();
    assertThat(out.asText()).startsWith("yyyyyyyyyyyyyyyy").hasSizeLessThan(MAX_LINE_BYTES);
  }

  @Test
  void throwingAccessorsAndCyclesStillGiveAValue() {
    CallNode inspect = store.root("Hostile.inspect");
    assertThat(inspect.inputs().path("trap").isMissingNode()).as("input of %s", inspect).isFalse();
    assertThat(inspect.output().isMissingNode()).as("output of %s", inspect).isFalse();

    CallNode relink = store.root("Hostile.relink");
    assertThat(relink.inputs().path("head").isMissingNode()).isFalse();
    assertThat(relink.output().isMissingNode() || relink.output().isNull())
        .as("output of %s", relink)
        .isFalse();
  }

  @Test
  void commandLineReadsTheHostileCalls() {
    List<CallNode> roots = traced.cli().calls();

    assertThat(roots).extracting(CallNode::opName).containsExactlyInAnyOrderElementsOf(OPS);
  }
}
