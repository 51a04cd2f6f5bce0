package dev.weave4j.it.ops;

import static dev.weave4j.it.harness.CallAssert.assertThatCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.it.apps.ops.OpsApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.Json;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.TraceStore;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The upstream "Tracing basics" examples as Java under the real agent ({@link OpsApp}): each check
 * compares the recorded calls with what the docs say the example produces.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpsIT {

  private static final String UUID7 =
      "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

  private JvmRun run;
  private TraceStore store;
  private Map<String, String> out;

  @BeforeAll
  void runApp() {
    run = AgentJvm.app(OpsApp.class).run().assertSuccess();
    store = run.store();
    out = OpsRuns.values(run);
  }

  private CallNode byInput(String op, String input, String value) {
    List<CallNode> found =
        store.calls(op).stream()
            .filter(c -> value.equals(c.inputs().path(input).asText()))
            .collect(Collectors.toList());
    assertThat(found).as("calls of %s with %s=%s\n%s", op, input, value, run.describe()).hasSize(1);
    return found.get(0);
  }

  private static String displayName(CallNode c) {
    return OpsRuns.text(c.json(), "display_name").orElse(null);
  }

  private static JsonNode userAttributes(CallNode c) {
    ObjectNode a = c.attributes().deepCopy();
    a.remove("weave");
    return a;
  }

  @Test
  void everyCallEndedAndNoLinksArePrintedWhenDisabled() {
    assertThat(store.ends()).hasSameSizeAs(store.starts());
    assertThat(run.stderr()).doesNotContain("weave4j: trace:");
  }

  @Test
  void displayNameLiteralTemplateAndFunction() {
    assertThat(displayName(byInput("Docs.myFunction", "name", "World")))
        .isEqualTo("My Custom Display Name");
    assertThat(displayName(store.calls("Docs.greet").get(0)))
        .isEqualTo("Docs.greet greets World x3 for ada");
    List<CallNode> funcs = store.calls("Docs.func");
    assertThat(funcs)
        .extracting(OpsIT::displayName)
        .containsExactly(
            "finetuned-llama-3.1-8b__v0.1.2__2024-08-01", "finetuned-gpt-4o__v0.1.3__2024-08-02");
    assertThat(displayName(store.calls("Docs.stamped").get(0)))
        .matches("stamped__\\d{4}-\\d{2}-\\d{2}");
  }

  @Test
  void perCallNameWinsAndNamesCanBeChangedAfterTheFact() {
    CallNode perCall = store.call(out.get("perCall.id"));
    assertThat(out.get("perCall.result")).isEqualTo("Hello, Per!");
    assertThat(displayName(perCall)).isEqualTo("Per Call Name");
    assertThatCall(perCall).hasOp("Docs.myFunction").hasInputs("{'name':'Per'}");

    String setId = out.get("setName.id");
    String removedId = out.get("removedName.id");
    assertThat(displayName(store.call(setId))).isNull();
    assertThat(displayName(store.call(removedId))).isEqualTo("My Custom Display Name");
    List<JsonNode> updates = OpsRuns.updates(store);
    assertThat(updates)
        .containsExactly(
            Json.parse(
                "{\"project_id\":\"local/it\",\"call_id\":\""
                    + setId
                    + "\",\"display_name\":\"My Custom Display Name\"}"),
            Json.parse(
                "{\"project_id\":\"local/it\",\"call_id\":\""
                    + removedId
                    + "\",\"display_name\":\"\"}"));
    // the command line applies the updates
    JsonNode set = OpsRuns.cliJson(run, AgentJvm.PROJECT, "show", setId);
    assertThat(set.path("display_name").asText()).isEqualTo("My Custom Display Name");
    JsonNode removed = OpsRuns.cliJson(run, AgentJvm.PROJECT, "show", removedId);
    assertThat(removed.path("display_name").isNull()).as("%s", removed).isTrue();
  }

  @Test
  void longNamesAreElided() {
    String expected = "x".repeat(1000) + "y".repeat(21) + "...";
    CallNode echo = store.calls("Docs.echo").get(0);
    assertThat(displayName(echo)).hasSize(1024).isEqualTo(expected);
    assertThat(echo.output().asInt()).isEqualTo(1100);
  }

  @Test
  void failingNamerAndMissingTemplateInputLeaveNoNameAndAreCountedAndLogged() {
    CallNode bad = store.calls("Docs.badNamer").get(0);
    assertThat(displayName(bad)).isNull();
    assertThatCall(bad).hasInputs("{'x':1}").hasOutput("2").succeeded();
    CallNode missing = store.calls("Docs.missingInput").get(0);
    assertThat(displayName(missing)).isNull();
    assertThatCall(missing).hasOutput("'VALUE'").succeeded();
    assertThat(out).containsEntry("badNamer", "2").containsEntry("missingInput", "VALUE");
    // the first hook error is logged with its cause (later ones are rate-limited)
    assertThat(run.stderr())
        .contains(
            "user hooks that failed (the call was recorded with a marker) (1 so far): display name"
                + " of Docs.badNamer: java.lang.IllegalStateException: namer failed on purpose");
  }

  @Test
  void opNamesAreOverriddenAndSanitised() {
    assertThatCall(store.calls("My-Custom-Op-Name").get(0)).hasInputs("{'x':'a'}").succeeded();
    assertThat(store.calls("my-op")).hasSize(1);
    assertThat(store.calls("Docs.renamed")).isEmpty();
  }

  @Test
  void ragStepRecordsThePostprocessedInputsAndOutput() {
    CallNode rag = store.calls("rag_step").get(0);
    assertThatCall(rag)
        .hasInputs(
            Json.MAPPER
                .createObjectNode()
                .put("search_box", "**Search Query:**\n```\nTell me about OpenAI\n```\n")
                .put("query", "Tell me about OpenAI")
                .toString()
                .replace('\'', '"'))
        .hasOutput(
            Json.MAPPER
                .getNodeFactory()
                .textNode(
                    "# OpenAI\nOpenAI is a company that makes AI models.\n"
                        + "[Read more](https://www.openai.com)\n---\n"
                        + "# Google\nGoogle is a company that makes search engines.\n"
                        + "[Read more](https://www.google.com)\n")
                .toString())
        .succeeded();
    // the method got the original argument, the caller the original list
    assertThat(out.get("rag.received")).isEqualTo("Tell me about OpenAI");
    assertThat(out.get("rag.docs")).isEqualTo("2 OpenAI https://www.google.com");
  }

  @Test
  void hooksSeeRedactedSecretsAndFailingHooksLeaveMarkers() {
    assertThatCall(store.calls("Rag.login").get(0))
        .hasInputs("{'user':'ada','apiKey':'REDACTED','hook_saw':'REDACTED'}")
        .hasOutput("'ada key length 13'");
    assertThat(store.lines()).noneMatch(l -> l.text().contains("sk-secret-123"));

    CallNode brokenIn = store.calls("Rag.brokenInputs").get(0);
    assertThat(brokenIn.inputs().size()).isEqualTo(1);
    assertThat(brokenIn.inputs().path("_weave_error").asText())
        .isEqualTo(
            "<postprocessInputs dev.weave4j.it.apps.ops.OpsApp$ThrowingInputs threw"
                + " java.lang.IllegalStateException: inputs hook failed on purpose>");
    assertThatCall(brokenIn).hasOutput("14").succeeded();

    CallNode brokenOut = store.calls("Rag.brokenOutput").get(0);
    assertThat(brokenOut.output().asText())
        .isEqualTo(
            "<postprocessOutput dev.weave4j.it.apps.ops.OpsApp$ThrowingOutput threw"
                + " java.lang.IllegalStateException: output hook failed on purpose>");
    assertThatCall(brokenOut).succeeded();
    assertThat(out.get("brokenOutput")).isEqualTo("the real output");
  }

  @Test
  void secretsAreRedactedByTheirKeyWordsEvenInDisplayNamesWhileTokenCountsStayReadable() {
    CallNode connect = store.calls("Rag.connect").get(0);
    assertThat(displayName(connect)).isEqualTo("ada with REDACTED");
    assertThat(connect.inputs().path("password").asText()).isEqualTo("REDACTED");
    assertThat(connect.inputs().path("headers"))
        .isEqualTo(
            Json.parse(
                "{\"openai_api_key\":\"REDACTED\",\"client_secret\":\"REDACTED\","
                    + "\"access_token\":\"REDACTED\",\"x-api-key\":\"REDACTED\","
                    + "\"cookie\":\"REDACTED\"}"));
    assertThat(connect.inputs().path("usage"))
        .isEqualTo(
            Json.parse(
                "{\"max_tokens\":256,\"prompt_tokens\":12,\"total_tokens\":30,"
                    + "\"input_tokens\":12,\"token_count\":3}"));
    assertThat(store.lines())
        .noneMatch(
            l ->
                l.text().contains("hunter2-pw")
                    || l.text().contains("sk-openai-456")
                    || l.text().contains("cs-789")
                    || l.text().contains("at-012")
                    || l.text().contains("xk-345")
                    || l.text().contains("ck-678"));
  }

  @Test
  void attributesNestMergeRestoreAndAreRejectedForTheReservedKey() {
    assertThat(userAttributes(byInput("Docs.tagged", "label", "env")))
        .isEqualTo(Json.parse("{\"env\":\"production\"}"));
    assertThat(userAttributes(byInput("Docs.tagged", "label", "nested")))
        .isEqualTo(Json.parse("{\"env\":\"prod\",\"user\":\"bob\"}"));
    assertThat(userAttributes(byInput("Docs.tagged", "label", "restored")))
        .isEqualTo(Json.parse("{\"env\":\"prod\",\"user\":\"ada\"}"));
    assertThat(userAttributes(byInput("Docs.tagged", "label", "perCall")))
        .isEqualTo(Json.parse("{\"env\":\"prod\",\"user\":\"carol\",\"request\":7}"));
    assertThat(userAttributes(byInput("Docs.tagged", "label", "outOfOrder")))
        .isEqualTo(Json.parse("{\"b\":2}"));
    assertThat(userAttributes(byInput("Docs.tagged", "label", "none"))).isEqualTo(Json.parse("{}"));
    assertThat(byInput("Docs.tagged", "label", "none").attributes().path("weave").isObject())
        .isTrue();
    assertThat(out.get("reservedKey")).contains("'weave'").contains("reserved");
  }

  @Test
  void summaryIsMergedAndUsageRollsUpOverThreeLevels() {
    CallNode root = store.root("Agents.run");
    assertThatCall(root).hasChildOps("Agents.llm", "Agents.subAgent").isConsistentTree();
    assertThat(root.attributes().path("weave").path("kind").asText()).isEqualTo("agent");
    assertThat(root.find("Agents.subAgent").children("Agents.llm")).hasSize(2);
    JsonNode s = root.summary();
    assertThat(s.path("usage"))
        .isEqualTo(
            Json.parse(
                "{\"gpt-4o\":{\"requests\":2,\"prompt_tokens\":13,\"completion_tokens\":6},"
                    + "\"claude\":{\"requests\":1,\"prompt_tokens\":7,\"completion_tokens\":2}}"));
    assertThat(s.path("status_counts")).isEqualTo(Json.parse("{\"success\":5,\"error\":0}"));
    assertThat(s.path("score").asDouble()).isEqualTo(0.75);
    JsonNode sub = root.find("Agents.subAgent").summary();
    assertThat(sub.path("usage"))
        .isEqualTo(
            Json.parse(
                "{\"gpt-4o\":{\"requests\":1,\"prompt_tokens\":3,\"completion_tokens\":1},"
                    + "\"claude\":{\"requests\":1,\"prompt_tokens\":7,\"completion_tokens\":2}}"));
    assertThat(sub.path("status_counts")).isEqualTo(Json.parse("{\"success\":3,\"error\":0}"));
    assertThat(sub.has("score")).isFalse();
    assertThat(out.get("agent")).isEqualTo("done: sub");
  }

  @Test
  void manualCallsAsInTheDocsAndNestedUnderOps() {
    CallNode manual = store.call(out.get("manual.id"));
    assertThatCall(manual)
        .hasOp("my_function")
        .isRoot()
        .hasInputs("{'name':'World'}")
        .hasOutput("'Hello, World!'")
        .succeeded();
    assertThat(out.get("manual")).isEqualTo("Hello, World!");

    CallNode root = store.root("Docs.withManualStep");
    assertThatCall(root).hasChildOps("manual_step").hasOutput("'Hello, inside manual!'");
    CallNode step = root.child("manual_step");
    assertThat(displayName(step)).isEqualTo("Manual Step");
    assertThat(userAttributes(step)).isEqualTo(Json.parse("{\"tag\":\"m\"}"));
    assertThatCall(step)
        .hasInputs("{'k':1}")
        .hasOutput("{'done':true}")
        .hasChildOps("Docs.plain")
        .succeeded();
    assertThatCall(step.child("Docs.plain")).hasInputs("{'name':'inside manual'}");
    assertThatCall(root).isConsistentTree();

    CallNode risky = store.root("risky");
    assertThat(risky.status()).isEqualTo("error");
    assertThat(risky.exception().path("message").asText()).isEqualTo("manual failure");
    assertThat(risky.exception().path("type").asText()).contains("IllegalStateException");
  }

  @Test
  void tracingDisabledRecordsNothingButTheCodeRuns() {
    assertThat(out.get("disabled")).isEqualTo("my_op ran");
    assertThat(out.get("enabled")).isEqualTo("my_op ran");
    assertThat(store.calls("Docs.myOp")).hasSize(1);
  }

  @Test
  void callHandlesGiveTheCallResultAndException() {
    assertThat(out.get("handle.result")).isEqualTo("Hello, Handle!");
    assertThatCall(store.call(out.get("handle.id")))
        .hasOp("Docs.plain")
        .hasInputs("{'name':'Handle'}")
        .hasOutput("'Hello, Handle!'");
    assertThat(out.get("method.result")).isEqualTo("Hello, World!");
    assertThatCall(store.call(out.get("method.id")))
        .hasOp("MyClass.myMethod")
        .hasInputs("{'name':'World'}")
        .isRoot();
    assertThat(out.get("failed.exception")).isEqualTo("op failed on purpose");
    assertThatCall(store.call(out.get("failed.id")))
        .hasOp("Docs.fails")
        .failedWith("java.lang.IllegalArgumentException", "op failed on purpose", "fails");
    assertThat(out.get("current")).isEqualTo("true");
    assertThat(store.call(out.get("current.id")).opName()).isEqualTo("Docs.current");
  }

  @Test
  void threadsSetThreadIdAndTurns() {
    for (String label : List.of("first", "second")) {
      CallNode turn = byInput("Docs.turn", "label", label);
      JsonNode start = OpsRuns.start(store, turn.id());
      assertThat(OpsRuns.text(start, "thread_id")).contains("conv-1");
      assertThat(OpsRuns.text(start, "turn_id")).contains(turn.id());
      JsonNode child = OpsRuns.start(store, turn.child("Docs.plain").id());
      assertThat(OpsRuns.text(child, "thread_id")).contains("conv-1");
      assertThat(OpsRuns.text(child, "turn_id")).contains(turn.id());
    }
    CallNode generated = byInput("Docs.turn", "label", "generated");
    JsonNode g = OpsRuns.start(store, generated.id());
    assertThat(OpsRuns.text(g, "thread_id").orElseThrow()).matches(UUID7);
    assertThat(OpsRuns.text(g, "turn_id")).contains(generated.id());
    CallNode outside = byInput("Docs.turn", "label", "outside");
    JsonNode o = OpsRuns.start(store, outside.id());
    assertThat(OpsRuns.text(o, "thread_id")).isEmpty();
    assertThat(OpsRuns.text(o, "turn_id")).isEmpty();
    // the command line shows them too
    JsonNode shown = OpsRuns.cliJson(run, AgentJvm.PROJECT, "tree", generated.id());
    assertThat(shown.path("thread_id").asText()).isEqualTo(OpsRuns.text(g, "thread_id").get());
    assertThat(shown.path("children").get(0).path("turn_id").asText()).isEqualTo(generated.id());
  }
}
