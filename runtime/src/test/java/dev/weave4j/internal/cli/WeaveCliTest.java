package dev.weave4j.internal.cli;

import static dev.weave4j.internal.cli.CliFixture.A;
import static dev.weave4j.internal.cli.CliFixture.B;
import static dev.weave4j.internal.cli.CliFixture.C;
import static dev.weave4j.internal.cli.CliFixture.D;
import static dev.weave4j.internal.cli.CliFixture.E;
import static dev.weave4j.internal.cli.CliFixture.F;
import static dev.weave4j.internal.cli.CliFixture.G;
import static dev.weave4j.internal.cli.CliFixture.T1;
import static dev.weave4j.internal.cli.CliFixture.T2;
import static dev.weave4j.internal.cli.CliFixture.run;
import static dev.weave4j.internal.cli.CliFixture.runRaw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weave4j.WeaveSettings;
import dev.weave4j.internal.cli.CliFixture.Result;
import dev.weave4j.internal.store.StoreFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeaveCliTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void treeDrawsTheWholeNestedTreeWithStatusLatencyTokensInputsAndOutputs() {
    CliFixture.writeStore(dir);

    Result r = run(dir, "tree", A);

    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .isEqualTo(
            "Trace "
                + T1
                + "  ·  4 calls  ·  started 2026-11-23 10:00:00 UTC\n"
                + "\n"
                + "Agent.run  ✓ 1.3 s  15 tokens  (query=\"What is Weave?\")"
                + " → \"Weave is a toolkit for tracing LLM apps.\"  ◀\n"
                + "├─ Retriever.retrieve  ✓ 12 ms  (query=\"What is Weave?\", k=3)"
                + " → [\"doc a\", \"doc b\", …]\n"
                + "│  └─ Embedder.embed  ✓ 3 ms  (text=\"What is Weave?\") → [0.12, 0.5, 0.33]\n"
                + "└─ Llm.complete  ✓ 1.2 s  15 tokens"
                + "  (prompt=\"Answer using doc a, doc b\", temperature=0.2)"
                + " → \"Weave is a toolkit for tracing LLM apps.\"\n");
  }

  @Test
  void treeShowsErrorTypeAndMessage() {
    CliFixture.writeStore(dir);

    Result r = run(dir, "tree", T2);

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains(
            "Agent.run  ✗ IllegalStateException: model unavailable  45 ms  (query=\"Fail please\")\n"
                + "└─ Llm.complete  ✗ IllegalStateException: model unavailable  40 ms"
                + "  (prompt=\"Fail please\")\n");
  }

  @Test
  void treeWithoutIdShowsTheMostRecentRootWhichMayBeRunning() {
    CliFixture.writeStore(dir);

    Result r = run(dir, "tree");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).endsWith("Still thinking (Agent.run)  … running  (query=\"Slow one\")\n");
  }

  @Test
  void treeOfAChildShowsTheWholeTreeMarkingTheChild() {
    CliFixture.writeStore(dir);

    Result r = run(dir, "tree", "--ids", C.substring(0, 36));

    assertThat(r.out()).startsWith("Trace " + T1);
    assertThat(r.out())
        .contains("└─ Embedder.embed  ✓ 3 ms")
        .contains("[" + C.substring(24) + "]  ◀");
    assertThat(r.out()).contains("Agent.run  ✓ 1.3 s");
  }

  @Test
  void prefixSpanningOneTraceIsEnoughForTree() {
    CliFixture.writeStore(dir);

    Result r = run(dir, "tree", "0193a001");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("Trace " + T1 + "  ·  4 calls");
  }

  @Test
  void prefixSpanningSeveralTracesIsAmbiguous() {
    CliFixture.writeStore(dir);

    Result r = run(dir, "tree", "0193b002");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith("weave4j: id '0193b002' is ambiguous")
        .contains(E, F, G, T2 + " (trace)");
  }

  @Test
  void showAcceptsAUniquePrefixAndPrintsTheCallSchema() throws Exception {
    CliFixture.writeStore(dir);

    Result r = run(dir, "show", D.substring(0, 36));
    JsonNode call = MAPPER.readTree(r.out());

    assertThat(r.exitCode()).isZero();
    assertThat(call.get("id").asText()).isEqualTo(D);
    assertThat(call.get("parent_id").asText()).isEqualTo(A);
    assertThat(call.at("/summary/weave/status").asText()).isEqualTo("success");
    assertThat(call.at("/summary/usage/fake-model/total_tokens").asInt()).isEqualTo(15);
  }

  @Test
  void showWithAnAmbiguousPrefixListsTheCandidates() {
    CliFixture.writeStore(dir);

    Result r = run(dir, "show", "0193a001");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("ambiguous").contains(A, B, C, D);
  }

  @Test
  void tooShortPrefixIsRejected() {
    CliFixture.writeStore(dir);

    Result r = run(dir, "show", "0193a");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("at least 8 characters");
  }

  @Test
  void unknownIdIsNotFound() {
    CliFixture.writeStore(dir);

    Result show = run(dir, "show", "0193ffff-0000");
    Result tree = run(dir, "tree", "0193ffff-0000");

    assertThat(show.exitCode()).isEqualTo(1);
    assertThat(show.err()).startsWith("weave4j: no call with id 0193ffff-0000 in ");
    assertThat(tree.exitCode()).isEqualTo(1);
    assertThat(tree.err()).startsWith("weave4j: no call or trace with id 0193ffff-0000");
  }

  @Test
  void callsListsRootCallsNewestFirst() {
    CliFixture.writeStore(dir);

    Result r = run(dir, "calls");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out().split("\n"))
        .containsExactly(
            "STARTED (UTC)        CALL                        STATUS     LATENCY  TOKENS  ID",
            "2026-11-23 12:00:00  Still thinking (Agent.run)  … running                   "
                + G.substring(24),
            "2026-11-23 11:00:00  Agent.run                   ✗ error      45 ms          "
                + E.substring(24),
            "2026-11-23 10:00:00  Agent.run                   ✓ success    1.3 s      15  "
                + A.substring(24));
  }

  @Test
  void callsHonoursLimitAndSaysThereIsMore() {
    CliFixture.writeStore(dir);

    Result r = run(dir, "calls", "--limit", "1");

    assertThat(r.out()).contains(G.substring(24)).doesNotContain(E.substring(24));
    assertThat(r.out()).contains("Showing the 1 most recent of 3 root calls");
  }

  @Test
  void callsJsonIsAnArrayOfCallSchemas() throws Exception {
    CliFixture.writeStore(dir);

    Result r = run(dir, "calls", "--json");
    JsonNode array = MAPPER.readTree(r.out());

    assertThat(array.isArray()).isTrue();
    assertThat(array).hasSize(3);
    assertThat(array.get(0).get("id").asText()).isEqualTo(G);
    assertThat(array.get(0).at("/summary/weave/status").asText()).isEqualTo("running");
    assertThat(array.get(2).at("/summary/weave/latency_ms").asLong()).isEqualTo(1250);
    assertThat(array.get(2).has("children")).isFalse();
  }

  @Test
  void treeJsonNestsChildrenRecursively() throws Exception {
    CliFixture.writeStore(dir);

    Result r = run(dir, "tree", "--json", C);
    JsonNode root = MAPPER.readTree(r.out());

    assertThat(root.get("id").asText()).isEqualTo(A);
    assertThat(root.get("children")).hasSize(2);
    assertThat(root.at("/children/0/id").asText()).isEqualTo(B);
    assertThat(root.at("/children/0/children/0/id").asText()).isEqualTo(C);
    assertThat(root.at("/children/0/children/0/children")).isEmpty();
    assertThat(root.at("/children/1/id").asText()).isEqualTo(D);
    assertThat(root.at("/children/1/summary/weave/trace_name").asText()).isEqualTo("Llm.complete");
  }

  @Test
  void deletedAndRenamedCallsShowAsTheServerWouldShowThem() {
    Path project = CliFixture.writeStore(dir);
    StoreFixture.write(
        project, "run-3.jsonl", StoreFixture.delete(B), StoreFixture.update(D, "Final answer"));

    Result r = run(dir, "tree", A);

    assertThat(r.out()).contains("2 calls").doesNotContain("Retriever").doesNotContain("Embedder");
    assertThat(r.out()).contains("└─ Final answer (Llm.complete)  ✓ 1.2 s");
  }

  @Test
  void emptyStoreSaysNothingWasRecordedYet() {
    Result calls = run(dir, "calls");
    Result tree = run(dir, "tree");
    Result show = run(dir, "show", A);

    String where = dir.resolve("local").resolve("default").toString();
    assertThat(calls.exitCode()).isEqualTo(1);
    assertThat(calls.out()).isEmpty();
    assertThat(calls.err()).startsWith("weave4j: No calls recorded yet in " + where);
    assertThat(tree.exitCode()).isEqualTo(1);
    assertThat(tree.err()).startsWith("weave4j: No calls recorded yet in " + where);
    assertThat(show.exitCode()).isEqualTo(1);
    assertThat(show.err()).contains("No calls recorded yet");
  }

  @Test
  void emptyStoreJsonIsAnEmptyArray() {
    Result r = run(dir, "calls", "--json");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out().trim()).isEqualTo("[ ]");
    assertThat(r.err()).contains("No calls recorded yet");
  }

  @Test
  void projectAndDirDefaultToTheAgentConfiguration() {
    Path project = dir.resolve("acme").resolve("shop");
    StoreFixture.write(
        project,
        "a.jsonl",
        StoreFixture.start(A, T1, null, "Agent.run", "2026-11-23T10:00:00Z", "{}"));

    Result r =
        runRaw(() -> WeaveSettings.builder().project("acme/shop").localDir(dir).build(), "calls");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains(A.substring(24));
  }

  @Test
  void configurationErrorIsReportedWithoutStackTrace() {
    Result r =
        runRaw(
            () -> {
              throw new IllegalArgumentException("weave.mode: expected auto, local or remote");
            },
            "calls");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("weave4j: configuration error: weave.mode: expected auto, local or remote\n");
  }

  @Test
  void configurationErrorFromSystemPropertiesIsReported() {
    System.setProperty("weave.mode", "sometimes");
    try {
      Result r = runRaw(WeaveSettings::fromEnvironment, "calls", "--dir", dir.toString());

      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.err()).startsWith("weave4j: configuration error: weave.mode: expected auto");
    } finally {
      System.clearProperty("weave.mode");
    }
  }

  @Test
  void badProjectFlagIsAUsageError() {
    Result r = runRaw(WeaveSettings.builder()::build, "calls", "--project", "a/b/c");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--project").contains("Usage:");
  }

  @Test
  void unknownCommandOrFlagPrintsUsageOnErr() {
    Result command = runRaw(WeaveSettings.builder()::build, "frobnicate");
    Result flag = runRaw(WeaveSettings.builder()::build, "calls", "--colour");

    assertThat(command.exitCode()).isEqualTo(2);
    assertThat(command.out()).isEmpty();
    assertThat(command.err())
        .startsWith("weave4j: unknown command 'frobnicate'")
        .contains("Usage:");
    assertThat(flag.exitCode()).isEqualTo(2);
    assertThat(flag.err()).startsWith("weave4j: unknown option '--colour'").contains("Usage:");
  }

  @Test
  void helpPrintsUsageOnOut() {
    for (String[] args : new String[][] {{"help"}, {"--help"}, {"tree", "-h"}}) {
      Result r = runRaw(WeaveSettings.builder()::build, args);
      assertThat(r.exitCode()).isZero();
      assertThat(r.out()).startsWith("Usage: java -jar weave-agent.jar <command>");
      assertThat(r.err()).isEmpty();
    }
  }

  @Test
  void noArgumentsPrintsUsageAndFails() {
    Result r = runRaw(WeaveSettings.builder()::build);

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).startsWith("Usage:");
  }

  @Test
  void versionComesFromTheFilteredResource() {
    Result r = runRaw(WeaveSettings.builder()::build, "version");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).matches("weave4j \\d+\\.\\d+\\.\\d+.*\n");
  }

  @Test
  void badLinesAreCountedOnErr() {
    Path project = CliFixture.writeStore(dir);
    StoreFixture.write(project, "run-1.jsonl", "garbage", StoreFixture.end(G, "x", "1"));

    Result r = run(dir, "calls");

    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEqualTo("weave4j: skipped 1 malformed line(s) in " + project + "\n");
  }

  @Test
  void theEndOfAnIdAsShownInTablesFindsTheCall() throws Exception {
    CliFixture.writeStore(dir);

    Result show = run(dir, "show", D.substring(24));
    Result tree = run(dir, "tree", C.substring(28));

    assertThat(show.exitCode()).isZero();
    assertThat(MAPPER.readTree(show.out()).get("id").asText()).isEqualTo(D);
    assertThat(tree.exitCode()).isZero();
    assertThat(tree.out()).startsWith("Trace " + T1);
  }

  @Test
  void terminalEscapeSequencesInNamesArePrintedEscaped() {
    Path project = dir.resolve("local").resolve("default");
    StoreFixture.write(
        project,
        "run-1.jsonl",
        StoreFixture.start(
            A, T1, null, "Evil\u001b]0;pwned\u0007.run", "2026-11-23T10:00:00Z", "{}"));

    Result calls = run(dir, "calls");
    Result tree = run(dir, "tree");

    assertThat(calls.out()).doesNotContain("\u001b").contains("Evil\\u001b]0;pwned\\u0007.run");
    assertThat(tree.out()).doesNotContain("\u001b").contains("Evil\\u001b]0;pwned\\u0007.run");
  }

  @Test
  void callsWhoseParentsFormACycleAreStillShown() {
    Path project = dir.resolve("local").resolve("default");
    StoreFixture.write(
        project,
        "run-1.jsonl",
        StoreFixture.start(B, T1, C, "Loop.b", "2026-11-23T10:00:00.001Z", "{}"),
        StoreFixture.start(C, T1, B, "Loop.c", "2026-11-23T10:00:00.002Z", "{}"));

    Result r = run(dir, "tree", T1);

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Loop.b").contains("└─ Loop.c");
  }

  @Test
  void anEmptyProjectNamesTheProjectsThatHaveCalls() {
    StoreFixture.write(
        dir.resolve("acme").resolve("shop"),
        "a.jsonl",
        StoreFixture.start(A, T1, null, "Agent.run", "2026-11-23T10:00:00Z", "{}"));

    Result calls = run(dir, "calls");
    Result tree = run(dir, "tree");

    for (Result r : new Result[] {calls, tree}) {
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.err()).contains("Projects with calls in this store:\n  acme/shop\n");
      assertThat(r.err()).contains("--project <entity/project>");
    }
  }

  @Test
  void versionJsonIsJson() throws Exception {
    Result r = runRaw(WeaveSettings.builder()::build, "version", "--json");

    assertThat(r.exitCode()).isZero();
    assertThat(MAPPER.readTree(r.out()).get("version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
  }
}
