package dev.weave4j.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weave4j.it.apps.e2e.PipelineApp;
import dev.weave4j.it.apps.e2e.PipelineReader;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.ItEnv;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.ServeProcess;
import dev.weave4j.it.harness.ValidatingProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The real pieces together: an app under the agent in remote mode exporting to a real {@code serve}
 * process over HTTP (through a {@link ValidatingProxy} that checks every request body against the
 * Weave schemas), then a second JVM reading, querying and changing those calls with the public API
 * only; and a local store changed through the API in local mode, uploaded by {@code sync} into a
 * second {@code serve}, where it reads back the same.
 */
class RoundTripIT {

  private static final String KEY = "e2e-key-0123456789";
  private static final String PROJECT = "acme/e2e";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String ALPHA_TREE =
      "run[alpha, 3]{fetch[0],fetch[1],fetch[2],summarize[[doc-0, doc-1, doc-2]]}";
  private static final String BETA_TREE = "run[beta, 1]{fetch[0],summarize[[doc-0]]}";

  @Test
  void callsTheAgentExportsToServeReadBackQueryRenameDeleteAndFeedbackThroughTheApi()
      throws Exception {
    try (ServeProcess serve = ServeProcess.start("--api-key", KEY);
        ValidatingProxy proxy = ValidatingProxy.inFrontOf(serve.url())) {
      JvmRun app =
          AgentJvm.app(PipelineApp.class)
              .withSysProp("weave.mode", "remote")
              .withSysProp("weave.project", PROJECT)
              .withSysProp("weave.server_url", proxy.url())
              .withSysProp("weave.api_key", KEY)
              .run()
              .assertSuccess();

      Map<String, String> read = reader("http", proxy.url(), KEY, "read");
      assertReadsAsWritten(read);
      // Call.uiUrl() in the traced app and in the reader: serve's viewer page for the call
      String page = proxy.url() + "/#/acme/e2e/call/" + read.get("id(alpha)");
      assertThat(app.stdout()).contains("alpha " + read.get("id(alpha)") + " at " + page);
      assertThat(read).containsEntry("uiUrl(alpha)", page);
      // the op name is the short one, as from the local store; the op ref points at the
      // published op, whose code is the Java method's signature
      assertThat(read).containsEntry("opName(alpha)", "Pipeline.run");
      Matcher ref =
          Pattern.compile("weave:///acme/e2e/op/Pipeline\\.run:(\\w{43})")
              .matcher(read.get("opRef(alpha)"));
      assertThat(ref.matches()).as(read.get("opRef(alpha)")).isTrue();
      String code = publishedCode(serve, "Pipeline.run", ref.group(1));
      assertThat(code).contains("Pipeline").contains("run(java.lang.String topic, int n)");
      assertThat(read).containsEntry("opNames", "2");

      reader("http", proxy.url(), KEY, "mutate");
      Map<String, String> after = reader("http", proxy.url(), KEY, "after");
      assertChanged(after, read.get("id(alpha)"));

      assertThat(proxy.schemaErrors()).isEmpty();
      assertThat(proxy.validated())
          .containsKeys(
              "/call/upsert_batch",
              "/obj/create",
              "/files/create",
              "/call/update",
              "/calls/delete",
              "/feedback/create");
    }
  }

  @Test
  void aLocalStoreChangedThroughTheApiSyncsIntoServeOnceAndReadsBackTheSame() {
    JvmRun local =
        AgentJvm.app(PipelineApp.class)
            .withSysProp("weave.mode", "local")
            .withSysProp("weave.project", PROJECT)
            .run()
            .assertSuccess();
    String dir = local.localDir().toString();
    assertThat(local.stdout()).containsPattern("alpha \\S+ at -");
    Map<String, String> localRead = reader("local", dir, "read");
    assertReadsAsWritten(localRead);
    assertThat(localRead).containsEntry("uiUrl(alpha)", "-");
    reader("local", dir, "mutate");
    Map<String, String> localAfter = reader("local", dir, "after");
    assertChanged(localAfter, localAfter.get("id(alpha)"));

    try (ServeProcess serve = ServeProcess.start("--api-key", KEY);
        ValidatingProxy proxy = ValidatingProxy.inFrontOf(serve.url())) {
      List<String> sync =
          List.of("sync", "--dir", dir, "--project", PROJECT, "--server", proxy.url());
      JvmRun first =
          AgentJvm.runCli(local.workDir(), local.localDir(), sync, Map.of("WANDB_API_KEY", KEY))
              .assertSuccess();
      JvmRun again =
          AgentJvm.runCli(local.workDir(), local.localDir(), sync, Map.of("WANDB_API_KEY", KEY))
              .assertSuccess();

      assertThat(first.stderr()).doesNotContain("refused").doesNotContain("rejected");
      assertThat(again.stdout()).contains("synced 0 records");
      Map<String, String> served = reader("http", serve.url(), KEY, "after");
      Map<String, String> expected = new LinkedHashMap<>(localAfter);
      expected.remove("opRef(alpha)"); // sync may publish ops and send refs instead
      served.remove("opRef(alpha)");
      assertThat(served.remove("uiUrl(alpha)"))
          .isEqualTo(serve.url() + "/#/acme/e2e/call/" + localAfter.get("id(alpha)"));
      expected.remove("uiUrl(alpha)");
      assertThat(served).isEqualTo(expected);
      assertThat(serve.arrivals(PROJECT, "start"))
          .hasSize(9)
          .allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
      assertThat(proxy.schemaErrors()).isEmpty();
      assertThat(proxy.validated())
          .containsKeys("/call/upsert_batch", "/call/update", "/calls/delete", "/feedback/create");
    }
  }

  private static void assertReadsAsWritten(Map<String, String> read) {
    assertThat(read)
        .containsEntry("count", "9")
        .containsEntry("roots", "run[alpha, 3],run[beta, 1],explode[bad input]")
        .containsEntry("tree(alpha)", ALPHA_TREE)
        .containsEntry("inputs(alpha)", "{topic=alpha, n=3}")
        .containsEntry("output(alpha)", "3 docs: doc-0+doc-1+doc-2")
        .containsEntry("displayName(alpha)", "-")
        .containsEntry("feedback(alpha)", "[]")
        .containsEntry("beta", BETA_TREE)
        .containsEntry("failed", "explode[bad input]")
        .containsEntry("exception", "java.lang.IllegalStateException: exploded on bad input")
        .containsEntry("status", "error")
        .containsEntry("fetch sorted", "fetch[2],fetch[1],fetch[0],fetch[0]")
        .containsEntry("fetch page", "fetch[1],fetch[0]")
        .containsEntry("fetch#count", "4")
        .containsEntry("eq", "fetch[1]")
        .containsEntry("gt", "fetch[1],fetch[2]")
        .containsEntry("gte", "fetch[1],fetch[2]")
        .containsEntry("lt", "fetch[0],fetch[0]")
        .containsEntry("lte", "fetch[0],fetch[0]")
        .containsEntry("in", "run[beta, 1]")
        .containsEntry(
            "containsIgnoreCase", "run[alpha, 3],fetch[2],summarize[[doc-0, doc-1, doc-2]]")
        .containsEntry("not", "run[beta, 1],explode[bad input]")
        .containsEntry("or", "run[beta, 1],explode[bad input]")
        .containsEntry("opNames", "2");
  }

  private static void assertChanged(Map<String, String> after, String alphaId) {
    assertThat(after)
        .containsEntry("count", "6")
        .containsEntry("roots", "run[alpha, 3],explode[bad input]")
        .containsEntry("id(alpha)", alphaId)
        .containsEntry("tree(alpha)", ALPHA_TREE)
        .containsEntry("displayName(alpha)", "renamed alpha")
        .containsEntry(
            "feedback(alpha)", "[wandb.reaction.1={emoji=👍}, wandb.note.1={note=solid}]")
        .containsEntry("beta", "-")
        .containsEntry("fetch#count", "3")
        .containsEntry("in", "")
        .containsEntry("opNames", "1");
  }

  private static Map<String, String> reader(String... args) {
    return AgentJvm.app(PipelineReader.class, args)
        .withoutAgent()
        .withClasspath(ItEnv.libraryClasspath())
        .run()
        .assertSuccess()
        .keyValues();
  }

  /** The code text of a published op: {@code /obj/read}, then its {@code obj.py} file. */
  private static String publishedCode(ServeProcess serve, String objectId, String digest)
      throws Exception {
    JsonNode obj =
        JSON.readTree(
            post(
                serve,
                "/obj/read",
                JSON.createObjectNode()
                    .put("project_id", PROJECT)
                    .put("object_id", objectId)
                    .put("digest", digest)
                    .toString()));
    String file = obj.path("obj").path("val").path("files").path("obj.py").asText();
    assertThat(file).as(obj.toString()).isNotEmpty();
    return post(
        serve,
        "/files/content",
        JSON.createObjectNode().put("project_id", PROJECT).put("digest", file).toString());
  }

  private static String post(ServeProcess serve, String path, String body) throws Exception {
    HttpResponse<String> res =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(serve.url() + path))
                    .header("Content-Type", "application/json")
                    .header(
                        "Authorization",
                        "Basic "
                            + Base64.getEncoder()
                                .encodeToString(("api:" + KEY).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(path + " " + res.body()).isEqualTo(200);
    return res.body();
  }
}
