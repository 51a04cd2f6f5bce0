package dev.weave4j.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weave4j.internal.store.LocalStoreReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /call/upsert_batch} in one pass: what it stores, answers and refuses, as the tree path.
 */
class UpsertBatchIngestTest {

  private static final ObjectMapper M = new ObjectMapper();

  @TempDir Path dir;
  @TempDir Path treeDir;
  private TraceServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    server =
        new TraceServer(new ServeOptions("127.0.0.1", 0, null, dir, FaultOptions.NONE), "test");
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.url() + "/call/upsert_batch"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String start(String project, String id, String extra) {
    return "{\"mode\":\"start\",\"req\":{\"start\":{\"project_id\":\""
        + project
        + "\",\"id\":\""
        + TestIds.uuid(id)
        + "\",\"trace_id\":\""
        + TestIds.uuid("t" + id)
        + "\",\"op_name\":\"op\",\"started_at\":\"2025-01-01T00:00:01.000000Z\","
        + "\"attributes\":{\"a\":[1,{\"b\":null}]},\"inputs\":{\"q\":\"é \\\" \\n x\"}"
        + extra
        + "}}}";
  }

  private static String end(String project, String id, String extra) {
    return "{\"mode\":\"end\",\"req\":{\"end\":{\"project_id\":\""
        + project
        + "\",\"id\":\""
        + TestIds.uuid(id)
        + "\",\"ended_at\":\"2025-01-01T00:00:02.000000Z\",\"output\":{\"n\":1.5e3},"
        + "\"summary\":{}"
        + extra
        + "}}}";
  }

  /** The tree path's answer to the same body: status and body. */
  private String treeAnswer(String body) throws Exception {
    try (ProjectStores stores = new ProjectStores(treeDir)) {
      try {
        JsonNode n = M.readTree(body);
        return "200 " + M.writeValueAsString(new TraceApi(stores).upsertBatch(n));
      } catch (ApiError e) {
        return e.status() + " " + M.writeValueAsString(e.body());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        return "422 (json)";
      }
    }
  }

  @Test
  void prettyPrintedBatchesOfSeveralProjectsAreStoredOneLineAnItem() throws Exception {
    String body =
        "{\n  \"batch\" : [\n"
            + String.join(
                    ",\r\n",
                    start("acme/a", "c1", ",\n\"parent_id\": null, \"display_name\": \"one\""),
                    start("acme/b", "c2", ""),
                    end("acme/a", "c1", ",\"exception\":\"boom\""),
                    end("acme/b", "c2", ""))
                .replace(",\"", ",\n    \"")
            + "\n]\n}\n";
    HttpResponse<String> res = post(body);
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body())
        .isEqualTo(
            "{\"res\":[{\"id\":\""
                + TestIds.uuid("c1")
                + "\",\"trace_id\":\""
                + TestIds.uuid("tc1")
                + "\"},{\"id\":\""
                + TestIds.uuid("c2")
                + "\",\"trace_id\":\""
                + TestIds.uuid("tc2")
                + "\"},{},{}]}")
        .isEqualTo(treeAnswer(body).substring(4));

    for (String project : List.of("a", "b")) {
      Path projectDir = dir.resolve("acme").resolve(project);
      try (Stream<Path> files = Files.list(projectDir)) {
        List<String> lines = Files.readAllLines(files.findFirst().orElseThrow());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"mode\":\"start\",\"req\":");
        assertThat(lines.get(1)).startsWith("{\"mode\":\"end\",\"req\":");
      }
      // What serve indexed as it wrote equals what a reader of the files finds.
      try (LocalStoreReader reader = LocalStoreReader.open(projectDir)) {
        JsonNode call = reader.calls().findFirst().orElseThrow();
        JsonNode served =
            M.readTree(
                    http.send(
                            HttpRequest.newBuilder(URI.create(server.url() + "/call/read"))
                                .header("Content-Type", "application/json")
                                .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                        "{\"project_id\":\"acme/"
                                            + project
                                            + "\",\"id\":\""
                                            + call.path("id").asText()
                                            + "\"}"))
                                .build(),
                            HttpResponse.BodyHandlers.ofString())
                        .body())
                .path("call");
        assertThat(served.toString()).isEqualTo(call.toString());
        assertThat(served.path("inputs").path("q").asText()).isEqualTo("é \" \n x");
        assertThat(served.path("output").path("n").asDouble()).isEqualTo(1500.0);
      }
    }
    JsonNode c1 = M.readTree(readCall("acme/a", TestIds.uuid("c1"))).path("call");
    assertThat(c1.path("display_name").asText()).isEqualTo("one");
    assertThat(c1.path("exception").asText()).isEqualTo("boom");
    assertThat(server.calls()).isEqualTo(2);
  }

  private String readCall(String project, String id) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/call/read"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"project_id\":\"" + project + "\",\"id\":\"" + id + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void unusualBatchesGetTheTreePathsAnswersAndRefusedOnesWriteNothing() throws Exception {
    List<String> bodies =
        List.of(
            "",
            "[]",
            "{}",
            "{\"batch\":{}}",
            "{\"batch\":[],\"x\":1}",
            "{\"x\":1,\"batch\":[]}",
            "{\"batch\":[" + start("acme/a", "ok", "") + ",{\"mode\":\"start\"}]}",
            "{\"batch\":[" + start("acme/a", "ok", "") + ",{\"mode\":\"nope\",\"req\":{}}]}",
            "{\"batch\":["
                + start("acme/a", "ok", ",\"id\":\"" + TestIds.uuid("dup") + "\"")
                + "]}",
            "{\"batch\":[" + start("acme/a", "ok", "") + "," + start("../x", "b", "") + "]}",
            "{\"batch\":[" + start("acme/a", "ok", "").replace("2025-01-01T", "never") + "]}",
            "{\"batch\":[" + end("acme/a", "ok", ",\"exception\":1") + "]}",
            "{\"batch\":["
                + start("acme/a", "ok", "")
                + ",{\"mode\":\"start\",\"req\":{},\"x\":1}]}",
            "{\"batch\":[" + start("acme/a", "ok", "") + ",1]}",
            "{\"batch\":["
                + start("acme/a", "ok", "")
                + ", {\"mode\":\"end\",\"req\":{\"end\":1}}]}",
            "{\"batch\":[" + start("acme/a", "ok", "") + ",{not json");
    for (String body : bodies) {
      HttpResponse<String> res = post(body);
      String tree = treeAnswer(body);
      if (tree.equals("422 (json)")) {
        assertThat(res.statusCode()).as(body).isEqualTo(422);
        assertThat(M.readTree(res.body()).path("detail").get(0).path("type").asText())
            .isEqualTo("json_invalid");
      } else {
        assertThat(res.statusCode() + " " + res.body()).as(body).isEqualTo(tree);
      }
    }
    try (ProjectStores tree = new ProjectStores(treeDir)) {
      tree.onDisk().forEach(tree::get);
      assertThat(server.calls()).isEqualTo(tree.totalCalls()).isEqualTo(1); // the duplicate id
    }
  }

  @Test
  void itemsWrittenUnusuallyButValidAreStoredAndAnsweredAsTheTreePathDoes() throws Exception {
    String plain = start("acme/a", "p0", "");
    String req = plain.substring("{\"mode\":\"start\",\"req\":".length(), plain.length() - 1);
    String reqFirst = "{\"req\":" + req + ",\"mode\":\"start\"}";
    String r6 =
        "{\"mode\":\"start\",\"req\":" + req.substring(0, req.length() - 1) + ",\"end\":{}}}";
    List<String> items =
        List.of(
            reqFirst,
            start("acme/a", "p1", ",\"thread_id\":5,\"turn_id\":[1],\"wb_run_id\":null"),
            start(
                "acme/a",
                "p2",
                ",\"parent_id\":\""
                    + TestIds.uuid("p1")
                    + "\",\"display_name\":null,\"thread_id\":\"t\""),
            start("acme/a", "p3", ",\"thread_id\":\"t\",\"turn_id\":\"u\",\"x\":{\"x\":1,\"x\":2}"),
            end("acme/a", "p1", ",\"exception\":null"),
            end("acme/a", "p2", ",\"exception\":\"boom\",\"extra\":[1,2]"),
            start("acme/a", "p4", ",\"x\":1,\"x\":2"),
            end("acme/a", "p4", ",\"ended_at\":\"2025-01-01T00:00:03.000000Z\""));
    List<String> refused =
        List.of(
            start("acme/a", "r1", ",\"parent_id\":1"),
            start("acme/a", "r2", ",\"display_name\":{}"),
            start("acme/a", "r4", "").replace("\"attributes\"", "\"attrs\""),
            start("acme/a", "r5", "")
                .replace("\"inputs\":{", "\"inputs\":[{")
                .replace("x\"}", "x\"}]"),
            r6,
            end("acme/a", "r7", "").replace(",\"summary\":{}", ""),
            end("acme/a", "r9", ",\"exception\":{}"));
    for (String item : items) {
      String body = "{\"batch\":[" + item + "]}";
      HttpResponse<String> res = post(body);
      assertThat(res.statusCode() + " " + res.body()).as(item).isEqualTo(treeAnswer(body));
    }
    for (String item : refused) {
      String body = "{\"batch\":[" + item + "]}";
      HttpResponse<String> res = post(body);
      assertThat(res.statusCode() + " " + res.body()).as(item).isEqualTo(treeAnswer(body));
      assertThat(res.statusCode()).as(item).isEqualTo(422);
    }
    try (LocalStoreReader fast = LocalStoreReader.open(dir.resolve("acme").resolve("a"));
        LocalStoreReader tree = LocalStoreReader.open(treeDir.resolve("acme").resolve("a"))) {
      assertThat(fast.size()).isEqualTo(5);
      assertThat(fast.calls().map(JsonNode::toString).toList())
          .isEqualTo(tree.calls().map(JsonNode::toString).toList());
    }
  }
}
