package dev.weave4j.it.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.it.apps.query.QueryApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.ItEnv;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.ServeProcess;
import dev.weave4j.it.harness.TestIds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code serve} as a real process: calls written over HTTP with {@code /call/upsert_batch}, then
 * read, renamed, deleted and given feedback through the public {@code WeaveClient} API in another
 * JVM, once against the server and once against the same store directly; both give the same
 * answers.
 */
class ServeQueryIT {

  private static final ObjectMapper M = new ObjectMapper();
  private static final String KEY = "it-key";

  @Test
  void everyQueryRenameDeleteAndFeedbackAgreeOverHttpAndInTheStore() throws Exception {
    try (ServeProcess serve = ServeProcess.start("--api-key", KEY)) {
      assertThat(post(serve, "/call/upsert_batch", dataSet(), null).statusCode())
          .as("no credentials")
          .isEqualTo(401);
      HttpResponse<String> written = post(serve, "/call/upsert_batch", dataSet(), auth());
      assertThat(written.statusCode()).as(written.body()).isEqualTo(200);

      Map<String, String> http = app("http", serve.url(), KEY, "queries").keyValues();
      Map<String, String> local = app("local", serve.storeDir().toString(), "queries").keyValues();
      assertThat(local).isEqualTo(http);
      assertThat(http)
          .containsEntry("all", "r1,c1,c2,g1,r2,r3")
          .containsEntry("all#count", "6")
          .containsEntry("roots", "r1,r2,r3")
          .containsEntry("opName", "r1,r2")
          .containsEntry("opRefAnyDigest", "r1,r2")
          .containsEntry("parent", "c1,c2")
          .containsEntry("trace", "r1,c1,c2,g1")
          .containsEntry("thread", "r3")
          .containsEntry("callIds", "g1,r2")
          .containsEntry("eq", "c1,r3")
          .containsEntry("gt", "c2,r2,r3")
          .containsEntry("gte", "r1,c2,r2,r3")
          .containsEntry("lt", "c1,g1")
          .containsEntry("lte", "r1,c1,g1")
          .containsEntry("in", "r1,r3")
          .containsEntry("containsIgnoreCase", "r1")
          .containsEntry("containsCase", "r1")
          .containsEntry("not", "c1,c2,g1,r2,r3")
          .containsEntry("and", "r1")
          .containsEntry("or", "c2,g1")
          .containsEntry("convertDouble", "r1,c1")
          .containsEntry("convertString", "r2")
          .containsEntry("exists", "c2")
          .containsEntry("literal", "r1,c1,c2,g1,r2,r3")
          .containsEntry("rawJson", "c2")
          .containsEntry("sortDesc", "r2,c2,r3,r1,g1,c1")
          .containsEntry("sortTwoKeys", "g1,r3,c1,c2,r1,r2")
          .containsEntry("page", "c2,r3")
          .containsEntry("page#count", "2")
          .containsEntry("pageDefaultOrder", "r2,r3")
          .containsEntry("children(r1)", "c1,c2")
          .containsEntry("feedback(r1)", "[]")
          .containsEntry("displayName(r2)", "-")
          .containsEntry("getCall(c2)", "c2");
      assertThat(http.get("columns")).isEqualTo("id=r1 inputs={n=3} output=null attributes={}");

      JvmRun mutate = app("http", serve.url(), KEY, "mutate");
      assertThat(mutate.stdout())
          .contains("deleted: 2")
          .contains("tooMany: cannot delete 1001 calls at once: at most 1000")
          .doesNotContain("g1 still there");

      Map<String, String> after = app("http", serve.url(), KEY, "after").keyValues();
      Map<String, String> afterLocal =
          app("local", serve.storeDir().toString(), "after").keyValues();
      assertThat(afterLocal).isEqualTo(after);
      assertThat(after)
          .containsEntry("all", "r1,c1,r2,r3")
          .containsEntry("trace", "r1,c1")
          .containsEntry("children(r1)", "c1")
          .containsEntry("displayName(r2)", "renamed two")
          .containsEntry("getCall(c2)", "-")
          .containsEntry(
              "feedback(r1)",
              "[wandb.reaction.1={emoji=👍}, wandb.note.1={note=good}, qa.score={score=0.9}]");
    }
  }

  private static JvmRun app(String... args) {
    return AgentJvm.app(QueryApp.class, args)
        .withoutAgent()
        .withClasspath(ItEnv.libraryClasspath())
        .run()
        .assertSuccess();
  }

  private static String auth() {
    return "Basic "
        + Base64.getEncoder().encodeToString(("api:" + KEY).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> post(ServeProcess s, String path, String body, String auth)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(s.url() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Three traces: t1 = r1 (Agent.run, "Nightly eval", env prod) with children c1 (Llm.chat) and c2
   * (Tool.search, failed) whose child is g1 (Http.get); t2 = r2 (Agent.run, env dev); t3 = r3
   * (Llm.chat in thread th1).
   */
  private static String dataSet() {
    ArrayNode batch = M.createArrayNode();
    call(
        batch,
        "r1",
        "t1",
        null,
        "weave:///e/p/op/Agent.run:d1",
        "Nightly eval",
        1,
        3,
        "prod",
        "\"answer\"",
        null,
        120,
        null);
    call(
        batch,
        "c1",
        "t1",
        "r1",
        "Llm.chat",
        null,
        2,
        1,
        null,
        "{\"text\":\"hi\"}",
        null,
        100,
        null);
    call(
        batch,
        "c2",
        "t1",
        "r1",
        "Tool.search",
        null,
        3,
        7,
        null,
        "null",
        "{\"type\":\"java.io.IOException\",\"message\":\"down\"}",
        null,
        null);
    call(batch, "g1", "t1", "c2", "Http.get", null, 4, 2, null, "200", null, null, null);
    call(
        batch,
        "r2",
        "t2",
        null,
        "weave:///e/p/op/Agent.run:d2",
        null,
        5,
        10,
        "dev",
        "\"because\"",
        null,
        5,
        null);
    call(batch, "r3", "t3", null, "Llm.chat", null, 6, 4, null, "\"ok\"", null, null, "th1");
    ObjectNode body = M.createObjectNode();
    body.set("batch", batch);
    return body.toString();
  }

  private static void call(
      ArrayNode batch,
      String id,
      String trace,
      String parent,
      String op,
      String displayName,
      int second,
      int n,
      String env,
      String output,
      String exception,
      Integer tokens,
      String thread) {
    ObjectNode start = M.createObjectNode();
    start.put("project_id", "e/p");
    start.put("id", TestIds.uuid(id));
    start.put("trace_id", TestIds.uuid(trace));
    start.put("parent_id", parent == null ? null : TestIds.uuid(parent));
    start.put("op_name", op);
    if (displayName != null) {
      start.put("display_name", displayName);
    }
    if (thread != null) {
      start.put("thread_id", thread);
    }
    start.put("started_at", "2025-01-01T00:00:0" + second + ".000000Z");
    ObjectNode attributes = start.putObject("attributes");
    if (env != null) {
      attributes.put("env", env);
    }
    start.putObject("inputs").put("n", n);
    ObjectNode end = M.createObjectNode();
    end.put("project_id", "e/p");
    end.put("id", TestIds.uuid(id));
    end.put("ended_at", "2025-01-01T00:00:0" + second + ".500000Z");
    try {
      end.set("output", M.readTree(output));
    } catch (Exception e) {
      throw new IllegalArgumentException(output, e);
    }
    if (exception != null) {
      end.put("exception", exception);
    }
    ObjectNode summary = end.putObject("summary");
    if (tokens != null) {
      summary.putObject("usage").putObject("gpt-4o").put("total_tokens", tokens);
    }
    ObjectNode s = batch.addObject();
    s.put("mode", "start");
    s.putObject("req").set("start", start);
    ObjectNode e = batch.addObject();
    e.put("mode", "end");
    e.putObject("req").set("end", end);
  }
}
