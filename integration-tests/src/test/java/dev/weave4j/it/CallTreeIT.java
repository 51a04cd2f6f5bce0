package dev.weave4j.it;

import static dev.weave4j.it.harness.CallAssert.assertThatCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.it.apps.TreeApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.Json;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.TraceStore;
import dev.weave4j.it.harness.WeaveCli;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Call trees, outputs and exceptions of {@link TreeApp}, read through the command line as users do,
 * and the raw store's wire format.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallTreeIT {

  private static final Pattern UUID_V7 =
      Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  private static final Pattern ISO_MICROS_UTC =
      Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}(Z|\\+00:00)$");

  private JvmRun reference;
  private JvmRun traced;
  private WeaveCli cli;

  @BeforeAll
  void runApp() {
    AgentJvm app = AgentJvm.app(TreeApp.class);
    reference = app.withoutAgent().run().assertSuccess();
    traced = app.run();
    cli = traced.cli();
  }

  @Test
  void appBehavesTheSameWithTheAgent() {
    traced.assertSameAppBehaviourAs(reference).assertNoProblemsReported(reference);
    // The exception the app caught is the very instance the op threw, with its own stack.
    assertThat(traced.stdout())
        .contains("caught java.lang.IllegalStateException: rejected: bad doc")
        .contains("  thrown in validate")
        .contains("same instance as thrown: true")
        .contains("caught java.io.FileNotFoundException: missing.txt");
  }

  @Test
  void eachRootCallStartsItsOwnTraceAndCallsListsThemNewestFirst() {
    List<CallNode> roots = cli.calls();

    assertThat(roots)
        .extracting(CallNode::opName)
        .containsExactly("Pipeline.recover", "Pipeline.load", "Pipeline.ingest", "Pipeline.answer");
    roots.forEach(r -> assertThatCall(r).isRoot());
    assertThat(roots).extracting(CallNode::traceId).doesNotHaveDuplicates();
    assertThat(roots).extracting(CallNode::id).doesNotHaveDuplicates();
  }

  @Test
  void childrenShareTheRootsTraceAndPointToTheirParent() {
    CallNode answer = cli.rootTree("Pipeline.answer");

    assertThatCall(answer)
        .isRoot()
        .hasChildOps("Pipeline.retrieve", "Pipeline.generate")
        .isConsistentTree();
    assertThat(answer.child("Pipeline.retrieve").traceId()).isEqualTo(answer.traceId());
    assertThat(answer.child("Pipeline.generate").parentId()).isEqualTo(answer.id());
  }

  @Test
  void inputsAndOutputsAreRecordedByParameterName() {
    CallNode answer = cli.rootTree("Pipeline.answer");

    assertThatCall(answer)
        .hasInputs("{'query': 'what is weave', 'topK': 2}")
        .hasOutput("'WHAT IS WEAVE (2 docs)'")
        .succeeded();
    assertThatCall(answer.child("Pipeline.retrieve"))
        .hasInputs("{'query': 'what is weave', 'topK': 2}")
        .hasOutput("['doc1:what is weave', 'doc2:what is weave']")
        .succeeded();
    assertThatCall(answer.child("Pipeline.generate"))
        .hasInputs(
            "{'prompt': 'what is weave', 'context': ['doc1:what is weave', 'doc2:what is weave']}")
        .hasOutput("'WHAT IS WEAVE (2 docs)'")
        .succeeded();
  }

  @Test
  void exceptionIsRecordedOnTheThrowingCallAndEveryCallItEscapes() {
    CallNode ingest = cli.rootTree("Pipeline.ingest");

    assertThatCall(ingest)
        .hasInputs("{'doc': 'bad doc'}")
        .failedWith("java.lang.IllegalStateException", "rejected: bad doc", "validate")
        .isConsistentTree();
    assertThatCall(ingest.child("Pipeline.validate"))
        .hasInputs("{'doc': 'bad doc'}")
        .failedWith("java.lang.IllegalStateException", "rejected: bad doc", "validate");
  }

  @Test
  void checkedExceptionIsRecorded() {
    CallNode load = cli.rootTree("Pipeline.load");

    assertThatCall(load)
        .hasInputs("{'path': 'missing.txt'}")
        .failedWith("java.io.FileNotFoundException", "missing.txt", "load");
  }

  @Test
  void exceptionCaughtByTheParentFailsOnlyTheChild() {
    CallNode recover = cli.rootTree("Pipeline.recover");

    assertThatCall(recover)
        .hasOutput("'fallback for input'")
        .succeededWithFailedDescendant()
        .isConsistentTree();
    assertThatCall(recover.child("Pipeline.validate"))
        .hasInputs("{'doc': 'bad input'}")
        .failedWith("java.lang.IllegalStateException", "rejected: bad input", "validate");
  }

  @Test
  void showPrintsTheCallAsTreeDoes() {
    CallNode inTree = cli.rootTree("Pipeline.answer").child("Pipeline.generate");
    CallNode shown = cli.show(inTree.id());

    for (String field :
        List.of(
            "id",
            "project_id",
            "op_name",
            "trace_id",
            "parent_id",
            "started_at",
            "ended_at",
            "inputs",
            "output",
            "attributes")) {
      assertThat(shown.json().get(field))
          .as("field %s of `show` vs `tree`", field)
          .isEqualTo(inTree.json().get(field));
    }
    assertThat(shown.json().path("project_id").asText()).isEqualTo("local/it");
    assertThat(shown.status()).isEqualTo("success");
  }

  @Test
  void commandLineShowsWhatTheStoreHolds() {
    TraceStore store = traced.store();
    CallNode fromCli = cli.rootTree("Pipeline.ingest");
    CallNode fromStore = store.root("Pipeline.ingest");

    Map<String, CallNode> stored =
        store.calls().stream().collect(Collectors.toMap(CallNode::id, Function.identity()));
    for (CallNode c : fromCli.subtree()) {
      CallNode s = stored.get(c.id());
      assertThat(s).as("call %s of the command line is in the store", c).isNotNull();
      for (String field :
          List.of(
              "op_name", "trace_id", "parent_id", "started_at", "ended_at", "inputs", "output")) {
        assertThat(c.json().get(field))
            .as("%s of %s", field, c.opName())
            .isEqualTo(s.json().get(field));
      }
      assertThat(c.exception()).isEqualTo(s.exception());
    }
    assertThat(fromCli.subtree()).hasSameSizeAs(fromStore.subtree());
  }

  @Test
  void humanTreeShowsOpsStatusLatencyAndShortInputs() {
    String text = cli.treeText(cli.rootTree("Pipeline.ingest").id());

    assertThat(text).contains("Pipeline.ingest", "Pipeline.validate", "bad doc");
    assertThat(text).as("status of the failed calls").containsAnyOf("✗", "error", "ERROR");
    assertThat(text).contains("IllegalStateException");
    assertThat(text).containsPattern("\\d+(\\.\\d+)?\\s*(ns|µs|us|ms|s)\\b");
    assertThat(text.indexOf("Pipeline.ingest")).isLessThan(text.indexOf("Pipeline.validate"));
  }

  @Test
  void storeLinesAreUpsertBatchItemsWithOneStartAndOneEndPerCall() {
    TraceStore store = traced.store();

    assertThat(store.items()).isNotEmpty();
    for (JsonNode item : store.items()) {
      String mode = item.path("mode").asText();
      assertThat(mode).as("mode of %s", item).isIn("start", "end");
      assertThat(item.path("req").path(mode).isObject()).as("req.%s of %s", mode, item).isTrue();
      assertThat(item.path("req").path(mode).path("project_id").asText())
          .as("project_id of %s", item)
          .isEqualTo("local/it");
    }
    List<String> startIds = ids(store.starts());
    List<String> endIds = ids(store.ends());
    assertThat(startIds).doesNotHaveDuplicates().hasSize(8);
    assertThat(endIds).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(startIds);
  }

  @Test
  void startRecordsCarryIdsTimesAndSdkAttributes() {
    TraceStore store = traced.store();

    for (JsonNode start : store.starts()) {
      assertThat(start.path("id").asText()).as("id of %s", start).matches(UUID_V7);
      assertThat(start.path("trace_id").asText()).as("trace_id of %s", start).matches(UUID_V7);
      assertThat(start.path("started_at").asText())
          .as("started_at of %s", start)
          .matches(ISO_MICROS_UTC);
      assertThat(start.path("op_name").asText()).as("op_name of %s", start).startsWith("Pipeline.");
      assertThat(start.path("inputs").isObject()).as("inputs of %s", start).isTrue();
      JsonNode weave = start.path("attributes").path("weave");
      assertThat(weave.path("source").asText()).as("attributes.weave.source").isEqualTo("java-sdk");
      for (String key : List.of("client_version", "sys_version", "os_name", "os_version")) {
        assertThat(weave.path(key).asText())
            .as("attributes.weave.%s of %s", key, start)
            .isNotBlank();
      }
    }
    Set<String> rootTraces = new HashSet<>();
    for (JsonNode start : store.starts()) {
      JsonNode parent = start.path("parent_id");
      if (parent.isNull() || parent.isMissingNode()) {
        assertThat(rootTraces.add(start.path("trace_id").asText()))
            .as("new trace per root")
            .isTrue();
      }
    }
    assertThat(rootTraces).hasSize(4);
  }

  @Test
  void endRecordsCarryOutputSummaryAndExceptionOnlyWhenThrown() {
    TraceStore store = traced.store();
    Map<String, String> opById =
        store.starts().stream()
            .collect(Collectors.toMap(s -> s.path("id").asText(), s -> s.path("op_name").asText()));
    Map<String, String> startedAt =
        store.starts().stream()
            .collect(
                Collectors.toMap(s -> s.path("id").asText(), s -> s.path("started_at").asText()));

    int failed = 0;
    for (JsonNode end : store.ends()) {
      String id = end.path("id").asText();
      assertThat(end.path("ended_at").asText()).as("ended_at of %s", end).matches(ISO_MICROS_UTC);
      assertThat(end.path("ended_at").asText()).isGreaterThanOrEqualTo(startedAt.get(id));
      assertThat(end.has("output")).as("output of %s", end).isTrue();
      assertThat(end.path("summary").isObject()).as("summary of %s", end).isTrue();
      JsonNode ex = end.path("exception");
      if (Set.of("Pipeline.ingest", "Pipeline.load", "Pipeline.validate")
          .contains(opById.get(id))) {
        failed++;
        assertThat(ex.isTextual()).as("exception of %s is a string", end).isTrue();
        JsonNode parsed = Json.parse(ex.asText());
        assertThat(parsed.path("type").asText()).isNotBlank();
        assertThat(parsed.path("traceback").isArray()).isTrue();
        JsonNode frame = parsed.path("traceback").path(0);
        assertThat(frame.path("filename").isTextual()).as("traceback filename %s", frame).isTrue();
        assertThat(frame.path("line_number").isIntegralNumber())
            .as("traceback line %s", frame)
            .isTrue();
        assertThat(frame.path("function_name").isTextual()).isTrue();
        assertThat(frame.has("text")).as("traceback text %s", frame).isTrue();
      } else {
        assertThat(ex.isMissingNode() || ex.isNull()).as("no exception on %s", end).isTrue();
      }
    }
    assertThat(failed).as("ends with an exception: ingest, load and two validates").isEqualTo(4);
  }

  private static List<String> ids(List<JsonNode> bodies) {
    return bodies.stream().map(b -> b.path("id").asText()).collect(Collectors.toList());
  }
}
