package dev.weave4j.internal.store;

import static dev.weave4j.internal.store.StoreFixture.delete;
import static dev.weave4j.internal.store.StoreFixture.end;
import static dev.weave4j.internal.store.StoreFixture.exception;
import static dev.weave4j.internal.store.StoreFixture.start;
import static dev.weave4j.internal.store.StoreFixture.update;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreReaderTest {

  private static final String T = "0193aaaa-0000-7000-8000-000000000000";
  private static final String ROOT = "0193aaaa-0000-7000-8000-000000000001";
  private static final String CHILD = "0193aaaa-0000-7000-8000-000000000002";
  private static final String GRANDCHILD = "0193aaaa-0000-7000-8000-000000000003";
  private static final String SIBLING = "0193aaaa-0000-7000-8000-000000000004";
  private static final String T2 = "0193bbbb-0000-7000-8000-000000000000";
  private static final String OTHER_ROOT = "0193bbbb-0000-7000-8000-000000000001";

  @TempDir Path dir;

  private LocalStoreReader read() {
    return LocalStoreReader.open(dir);
  }

  @Test
  void assemblesCallSchemaFieldsInServerOrderWithDerivedSummary() {
    StoreFixture.write(
        dir,
        "a.jsonl",
        start(ROOT, T, null, "Retriever.retrieve", "2026-11-23T10:00:00.123456Z", "{\"k\":3}"),
        end(
            ROOT,
            "2026-11-23T10:00:00.223456Z",
            "[\"doc a\"]",
            null,
            "{\"usage\":{\"m\":{\"requests\":1,\"total_tokens\":15}},"
                + "\"status_counts\":{\"success\":1,\"error\":0}}"));

    ObjectNode call = read().call(ROOT).orElseThrow();

    assertThat(call.fieldNames())
        .toIterable()
        .containsExactly(
            "id",
            "project_id",
            "op_name",
            "display_name",
            "trace_id",
            "parent_id",
            "thread_id",
            "turn_id",
            "started_at",
            "attributes",
            "inputs",
            "ended_at",
            "exception",
            "output",
            "summary");
    assertThat(call.get("project_id").asText()).isEqualTo("local/default");
    assertThat(call.get("display_name").isNull()).isTrue();
    assertThat(call.get("parent_id").isNull()).isTrue();
    assertThat(call.get("inputs").get("k").asInt()).isEqualTo(3);
    assertThat(call.get("attributes").path("weave").path("source").asText()).isEqualTo("java-sdk");
    assertThat(call.get("output").get(0).asText()).isEqualTo("doc a");
    assertThat(call.at("/summary/usage/m/total_tokens").asInt()).isEqualTo(15);
    JsonNode weave = call.at("/summary/weave");
    assertThat(weave.get("status").asText()).isEqualTo("success");
    assertThat(weave.get("latency_ms").asLong()).isEqualTo(100);
    assertThat(weave.get("trace_name").asText()).isEqualTo("Retriever.retrieve");
    assertThat(weave.has("display_name")).isFalse();
  }

  @Test
  void displayNameIsEchoedInSummaryInsteadOfTraceName() {
    StoreFixture.write(
        dir,
        "a.jsonl",
        start(ROOT, T, null, "Agent.run", "Weather in Paris", "2026-11-23T10:00:00Z", "{}"));

    JsonNode weave = read().call(ROOT).orElseThrow().at("/summary/weave");

    assertThat(weave.get("display_name").asText()).isEqualTo("Weather in Paris");
    assertThat(weave.has("trace_name")).isFalse();
  }

  @Test
  void traceNameOfAnOpRefIsTheOpName() {
    StoreFixture.write(
        dir,
        "a.jsonl",
        start(ROOT, T, null, "weave:///e/p/op/Agent.run:abc123", "2026-11-23T10:00:00Z", "{}"));

    assertThat(read().call(ROOT).orElseThrow().at("/summary/weave/trace_name").asText())
        .isEqualTo("Agent.run");
  }

  @Test
  void exceptionMakesStatusError() {
    StoreFixture.write(
        dir,
        "a.jsonl",
        start(ROOT, T, null, "Llm.complete", "2026-11-23T10:00:00Z", "{}"),
        end(
            ROOT,
            "2026-11-23T10:00:01Z",
            "null",
            exception("java.lang.IllegalStateException", "boom"),
            "{\"status_counts\":{\"success\":0,\"error\":1}}"));

    ObjectNode call = read().call(ROOT).orElseThrow();

    assertThat(call.at("/summary/weave/status").asText()).isEqualTo("error");
    assertThat(call.get("exception").asText()).contains("IllegalStateException");
  }

  @Test
  void callWithoutEndIsRunningWithoutLatency() {
    StoreFixture.write(
        dir, "a.jsonl", start(ROOT, T, null, "Agent.run", "2026-11-23T10:00:00Z", "{}"));

    ObjectNode call = read().call(ROOT).orElseThrow();

    assertThat(call.at("/summary/weave/status").asText()).isEqualTo("running");
    assertThat(call.at("/summary/weave").has("latency_ms")).isFalse();
    assertThat(call.get("ended_at").isNull()).isTrue();
    assertThat(call.get("output").isNull()).isTrue();
  }

  @Test
  void errorsCountedBelowASuccessfulCallMakeDescendantError() {
    StoreFixture.write(
        dir,
        "a.jsonl",
        start(ROOT, T, null, "Agent.run", "2026-11-23T10:00:00Z", "{}"),
        end(
            ROOT,
            "2026-11-23T10:00:01Z",
            "1",
            null,
            "{\"status_counts\":{\"success\":1,\"error\":1}}"));

    assertThat(read().call(ROOT).orElseThrow().at("/summary/weave/status").asText())
        .isEqualTo("descendant_error");
  }

  @Test
  void tornLastLineIsSkippedSilentlyAndReadOnceComplete() {
    String endLine = end(ROOT, "2026-11-23T10:00:01Z", "\"done\"");
    Path file =
        StoreFixture.write(
            dir, "a.jsonl", start(ROOT, T, null, "Agent.run", "2026-11-23T10:00:00Z", "{}"));
    StoreFixture.appendRaw(file, endLine.substring(0, 30));

    LocalStoreReader reader = read();
    assertThat(reader.call(ROOT).orElseThrow().at("/summary/weave/status").asText())
        .isEqualTo("running");
    assertThat(reader.skippedLines()).isZero();

    StoreFixture.appendRaw(file, endLine.substring(30) + "\n");
    reader.refresh();

    assertThat(reader.call(ROOT).orElseThrow().get("output").asText()).isEqualTo("done");
    assertThat(reader.skippedLines()).isZero();
  }

  @Test
  void malformedLinesInTheMiddleAreSkippedAndCounted() {
    StoreFixture.write(
        dir,
        "a.jsonl",
        start(ROOT, T, null, "Agent.run", "2026-11-23T10:00:00Z", "{}"),
        "{\"mode\":\"end\",\"req\":{\"end\":",
        "not json at all",
        "",
        "{\"mode\":\"start\",\"req\":{\"start\":{}}}",
        end(ROOT, "2026-11-23T10:00:01Z", "2"));

    LocalStoreReader reader = read();

    assertThat(reader.skippedLines()).isEqualTo(3);
    assertThat(reader.call(ROOT).orElseThrow().get("output").asInt()).isEqualTo(2);
  }

  @Test
  void endInAnotherFileCompletesTheCall() {
    StoreFixture.write(
        dir, "run-1.jsonl", start(ROOT, T, null, "Agent.run", "2026-11-23T10:00:00Z", "{}"));
    StoreFixture.write(dir, "run-2.jsonl", end(ROOT, "2026-11-23T10:00:02Z", "\"late\""));

    ObjectNode call = read().call(ROOT).orElseThrow();

    assertThat(call.get("output").asText()).isEqualTo("late");
    assertThat(call.at("/summary/weave/latency_ms").asLong()).isEqualTo(2000);
  }

  @Test
  void endBeforeItsStartStillCompletesTheCall() {
    StoreFixture.write(dir, "a.jsonl", end(ROOT, "2026-11-23T10:00:02Z", "\"x\""));
    StoreFixture.write(
        dir, "b.jsonl", start(ROOT, T, null, "Agent.run", "2026-11-23T10:00:00Z", "{}"));

    assertThat(read().call(ROOT).orElseThrow().at("/summary/weave/status").asText())
        .isEqualTo("success");
  }

  @Test
  void endWithoutStartIsNotACall() {
    StoreFixture.write(dir, "a.jsonl", end(ROOT, "2026-11-23T10:00:02Z", "\"x\""));

    LocalStoreReader reader = read();

    assertThat(reader.isEmpty()).isTrue();
    assertThat(reader.call(ROOT)).isEmpty();
  }

  @Test
  void displayNameUpdateAppliesToThatCallWhereverItIs() {
    StoreFixture.write(dir, "a.jsonl", update(ROOT, "Renamed"));
    StoreFixture.write(
        dir,
        "b.jsonl",
        start(ROOT, T, null, "Agent.run", "Original", "2026-11-23T10:00:00Z", "{}"),
        start(CHILD, T, ROOT, "Tool.use", "Child name", "2026-11-23T10:00:00.1Z", "{}"));

    LocalStoreReader reader = read();

    ObjectNode root = reader.call(ROOT).orElseThrow();
    assertThat(root.get("display_name").asText()).isEqualTo("Renamed");
    assertThat(root.at("/summary/weave/display_name").asText()).isEqualTo("Renamed");
    assertThat(reader.call(CHILD).orElseThrow().get("display_name").asText())
        .isEqualTo("Child name");
  }

  @Test
  void emptyDisplayNameUpdateRemovesTheDisplayName() {
    StoreFixture.write(
        dir,
        "a.jsonl",
        start(ROOT, T, null, "Agent.run", "Original", "2026-11-23T10:00:00Z", "{}"),
        update(ROOT, ""));

    ObjectNode root = read().call(ROOT).orElseThrow();

    assertThat(root.get("display_name").isNull()).isTrue();
    assertThat(root.at("/summary/weave/trace_name").asText()).isEqualTo("Agent.run");
  }

  @Test
  void deleteRemovesTheCallsAndAllTheirDescendants() {
    writeTwoTraces();
    StoreFixture.write(dir, "z.jsonl", delete(CHILD));

    LocalStoreReader reader = read();

    assertThat(reader.call(CHILD)).isEmpty();
    assertThat(reader.call(GRANDCHILD)).isEmpty();
    assertThat(ids(reader.trace(T))).containsExactly(ROOT, SIBLING);
    assertThat(ids(reader.children(ROOT))).containsExactly(SIBLING);
    assertThat(reader.size()).isEqualTo(3);
  }

  @Test
  void deletingARootRemovesItsWholeTrace() {
    writeTwoTraces();
    StoreFixture.write(dir, "z.jsonl", delete(ROOT, "0193ffff-unknown"));

    LocalStoreReader reader = read();

    assertThat(reader.trace(T)).isEmpty();
    assertThat(ids(reader.roots(0, 10))).containsExactly(OTHER_ROOT);
  }

  @Test
  void unknownModesAreIgnoredWithoutCounting() {
    StoreFixture.write(
        dir,
        "a.jsonl",
        "{\"mode\":\"feedback_create\",\"req\":{\"anything\":[1,2]}}",
        start(ROOT, T, null, "Agent.run", "2026-11-23T10:00:00Z", "{}"));

    LocalStoreReader reader = read();

    assertThat(reader.skippedLines()).isZero();
    assertThat(reader.size()).isEqualTo(1);
  }

  @Test
  void rootsAreNewestFirstAndTracesAndChildrenOldestFirst() {
    writeTwoTraces();

    LocalStoreReader reader = read();

    assertThat(ids(reader.roots(0, 10))).containsExactly(OTHER_ROOT, ROOT);
    assertThat(ids(reader.roots(1, 10))).containsExactly(ROOT);
    assertThat(ids(reader.roots(0, 1))).containsExactly(OTHER_ROOT);
    assertThat(reader.rootCount()).isEqualTo(2);
    assertThat(ids(reader.trace(T))).containsExactly(ROOT, CHILD, GRANDCHILD, SIBLING);
    assertThat(ids(reader.children(ROOT))).containsExactly(CHILD, SIBLING);
    assertThat(ids(reader.calls().toList()))
        .containsExactly(ROOT, CHILD, GRANDCHILD, SIBLING, OTHER_ROOT);
    assertThat(reader.traceIdOf(GRANDCHILD)).contains(T);
  }

  @Test
  void findsCallAndTraceIdsByPrefix() {
    writeTwoTraces();

    LocalStoreReader reader = read();

    assertThat(reader.callIdsMatching("0193aaaa", 10))
        .containsExactly(ROOT, CHILD, GRANDCHILD, SIBLING);
    assertThat(reader.callIdsMatching("0193aaaa", 2)).hasSize(2);
    assertThat(reader.traceIdsMatching("0193bb", 10)).containsExactly(T2);
    assertThat(reader.callIdsMatching("0193cc", 10)).isEmpty();
  }

  @Test
  void missingFolderIsAnEmptyStore() {
    LocalStoreReader reader = LocalStoreReader.open(dir.resolve("nope"));

    assertThat(reader.isEmpty()).isTrue();
    assertThat(reader.roots(0, 20)).isEmpty();
  }

  @Test
  void readsLinesLongerThanTheReadBufferAndManyLines() {
    String big = "x".repeat(200_000);
    List<String> lines = new ArrayList<>();
    lines.add(
        start(ROOT, T, null, "Agent.run", "2026-11-23T10:00:00Z", "{\"big\":\"" + big + "\"}"));
    for (int i = 0; i < 20_000; i++) {
      String id = String.format("0193cccc-0000-7000-8000-%012d", i);
      lines.add(start(id, T, ROOT, "Tool.use", "2026-11-23T10:00:01Z", "{\"i\":" + i + "}"));
      lines.add(end(id, "2026-11-23T10:00:02Z", String.valueOf(i)));
    }
    StoreFixture.write(dir, "a.jsonl", lines.toArray(String[]::new));

    LocalStoreReader reader = read();

    assertThat(reader.size()).isEqualTo(20_001);
    assertThat(reader.call(ROOT).orElseThrow().at("/inputs/big").asText()).hasSize(200_000);
    assertThat(
            reader.call("0193cccc-0000-7000-8000-000000012345").orElseThrow().get("output").asInt())
        .isEqualTo(12345);
    assertThat(reader.skippedLines()).isZero();
  }

  private void writeTwoTraces() {
    StoreFixture.write(
        dir,
        "a.jsonl",
        start(ROOT, T, null, "Agent.run", "2026-11-23T10:00:00Z", "{}"),
        start(SIBLING, T, ROOT, "Llm.complete", "2026-11-23T10:00:03Z", "{}"),
        start(CHILD, T, ROOT, "Retriever.retrieve", "2026-11-23T10:00:01Z", "{}"),
        start(GRANDCHILD, T, CHILD, "Embedder.embed", "2026-11-23T10:00:02Z", "{}"));
    StoreFixture.write(
        dir, "b.jsonl", start(OTHER_ROOT, T2, null, "Agent.run", "2026-11-23T11:00:00Z", "{}"));
  }

  private static List<String> ids(List<ObjectNode> calls) {
    return calls.stream().map(c -> c.get("id").asText()).toList();
  }
}
