package dev.weave4j.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weave4j.Call;
import dev.weave4j.CallsQuery;
import dev.weave4j.QueryExpr;
import dev.weave4j.internal.client.AuthHeaders;
import dev.weave4j.internal.client.CallsApi;
import dev.weave4j.internal.client.HttpCallsBackend;
import dev.weave4j.internal.client.LocalCallsBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trace server in process: writes over HTTP, reads through the client API, error shapes. */
class TraceServerTest {

  private static final ObjectMapper M = new ObjectMapper();
  private static final String P = "acme/qa";
  private static final String R1 = TestIds.uuid("r1");
  private static final String R2 = TestIds.uuid("r2");

  @TempDir Path dir;
  private TraceServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  private void start(String apiKey, FaultOptions faults) {
    server = new TraceServer(new ServeOptions("127.0.0.1", 0, apiKey, dir, faults), "test");
    server.start();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<String> post(String path, String body, String auth) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String start(String id, String trace, String parent, String op, int n, int sec) {
    return "{\"mode\":\"start\",\"req\":{\"start\":{\"project_id\":\""
        + P
        + "\",\"id\":\""
        + TestIds.uuid(id)
        + "\",\"trace_id\":\""
        + TestIds.uuid(trace)
        + "\",\"parent_id\":"
        + (parent == null ? "null" : "\"" + TestIds.uuid(parent) + "\"")
        + ",\"op_name\":\""
        + op
        + "\",\"started_at\":\"2025-01-01T00:00:0"
        + sec
        + ".000000Z\",\"attributes\":{},\"inputs\":{\"n\":"
        + n
        + "}}}}";
  }

  private static String end(String id, int sec, String output) {
    return "{\"mode\":\"end\",\"req\":{\"end\":{\"project_id\":\""
        + P
        + "\",\"id\":\""
        + TestIds.uuid(id)
        + "\",\"ended_at\":\"2025-01-01T00:00:0"
        + sec
        + ".500000Z\",\"output\":"
        + output
        + ",\"summary\":{}}}}";
  }

  private void writeTree() throws Exception {
    String batch =
        "{\"batch\":["
            + String.join(
                ",",
                start("r1", "t1", null, "agent", 1, 1),
                start("c1", "t1", "r1", "llm", 5, 2),
                end("c1", 2, "\"hi\""),
                start("g1", "t1", "c1", "tool", 9, 3),
                end("g1", 3, "1"),
                end("r1", 4, "\"done\""),
                start("r2", "t2", null, "agent", 2, 5),
                end("r2", 6, "\"done2\""))
            + "]}";
    HttpResponse<String> res = post("/call/upsert_batch", batch, null);
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(M.readTree(res.body()).path("res")).hasSize(8);
  }

  @Test
  void callsWrittenOverHttpAreQueriedAlikeOverHttpAndInTheStore() throws Exception {
    start(null, FaultOptions.NONE);
    writeTree();
    CallsApi remote = new CallsApi(P, new HttpCallsBackend(server.url(), null), () -> {});
    CallsApi local = new CallsApi(P, new LocalCallsBackend(dir), () -> {});
    List<CallsQuery> queries =
        List.of(
            CallsQuery.all(),
            CallsQuery.builder().traceRootsOnly(true).build(),
            CallsQuery.builder().parentIds(R1).build(),
            CallsQuery.builder().where(QueryExpr.field("inputs.n").gte(5)).build(),
            CallsQuery.builder().sortBy("inputs.n", CallsQuery.Direction.DESC).limit(2).build(),
            CallsQuery.builder().opNames("agent").offset(1).build());
    for (CallsQuery q : queries) {
      List<String> viaHttp = remote.getCalls(q).map(Call::id).toList();
      List<String> viaStore = local.getCalls(q).map(Call::id).toList();
      assertThat(viaHttp).as(q.toString()).isEqualTo(viaStore).isNotEmpty();
      assertThat(remote.countCalls(q.toBuilder().offset(0).build()))
          .isEqualTo(local.countCalls(q.toBuilder().offset(0).build()));
    }
    assertThat(remote.getCalls(CallsQuery.builder().traceRootsOnly(true).build()).map(Call::id))
        .containsExactly(R1, R2);
    assertThat(remote.getCall(TestIds.uuid("g1")).orElseThrow().output()).isEqualTo(1L);
    assertThat(remote.getCall("nope")).isEmpty();
  }

  @Test
  void callsAnotherProcessAppendsToTheStoreAreServed() throws Exception {
    start(null, FaultOptions.NONE);
    writeTree();
    java.nio.file.Files.writeString(
        dir.resolve("acme").resolve("qa").resolve("20250101T000000-1.jsonl"),
        start("x1", "t9", null, "agent", 1, 7) + "\n");
    CallsApi remote = new CallsApi(P, new HttpCallsBackend(server.url(), null), () -> {});
    assertThat(remote.getCall(TestIds.uuid("x1"))).isPresent();
    assertThat(remote.countCalls(CallsQuery.builder().traceRootsOnly(true).build())).isEqualTo(3);
  }

  @Test
  void renameDeleteAndFeedbackOverHttp() throws Exception {
    start(null, FaultOptions.NONE);
    writeTree();
    CallsApi remote = new CallsApi(P, new HttpCallsBackend(server.url(), null), () -> {});
    Call r1 = remote.getCall(R1).orElseThrow();
    r1.setDisplayName("renamed");
    assertThat(remote.getCall(R1).orElseThrow().displayName()).contains("renamed");
    String id = r1.feedback().addReaction("👍");
    r1.feedback().addNote("ok");
    assertThat(r1.feedback().list()).extracting(f -> f.id()).startsWith(id).hasSize(2);
    JsonNode withFeedback =
        M.readTree(
            post(
                    "/calls/stream_query",
                    "{\"project_id\":\"acme/qa\",\"filter\":{\"call_ids\":[\""
                        + R1
                        + "\"]},"
                        + "\"include_feedback\":true}",
                    null)
                .body());
    assertThat(withFeedback.path("summary").path("weave").path("feedback")).hasSize(2);
    assertThat(remote.deleteCalls(List.of(TestIds.uuid("c1")))).isEqualTo(2);
    assertThat(remote.getCalls(CallsQuery.all()).map(Call::id)).containsExactly(R1, R2);
    assertThatThrownBy(
            () -> remote.getCalls(CallsQuery.builder().whereJson("{\"$nope\":1}").build()).toList())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void errorsHaveTheRealServersShapes() throws Exception {
    start(null, FaultOptions.NONE);
    HttpResponse<String> extra =
        post("/calls/stream_query", "{\"project_id\":\"a/b\",\"x\":1}", null);
    assertThat(extra.statusCode()).isEqualTo(422);
    JsonNode detail = M.readTree(extra.body()).path("detail").get(0);
    assertThat(detail.path("type").asText()).isEqualTo("extra_forbidden");
    assertThat(detail.path("loc").toString()).isEqualTo("[\"body\",\"x\"]");
    HttpResponse<String> badExpr =
        post(
            "/calls/stream_query",
            "{\"project_id\":\"a/b\",\"query\":{\"$expr\":{\"$eq\":[]}}}",
            null);
    assertThat(badExpr.statusCode()).isEqualTo(422);
    assertThat(post("/nope", "{}", null).statusCode()).isEqualTo(404);
    assertThat(M.readTree(post("/nope", "{}", null).body()).path("detail").asText())
        .isEqualTo("Not Found");
    assertThat(post("/call/read", "{not json", null).statusCode()).isEqualTo(422);
    StringBuilder ids = new StringBuilder("\"x\"");
    for (int i = 0; i < 1000; i++) {
      ids.append(",\"").append(i).append('"');
    }
    HttpResponse<String> tooMany =
        post("/calls/delete", "{\"project_id\":\"a/b\",\"call_ids\":[" + ids + "]}", null);
    assertThat(tooMany.statusCode()).isEqualTo(413);
    assertThat(M.readTree(tooMany.body()).path("reason").asText()).contains("1000");
    assertThat(post("/call/read", "{\"project_id\":\"../x\",\"id\":\"a\"}", null).statusCode())
        .isEqualTo(400);
    HttpResponse<String> read = post("/call/read", "{\"project_id\":\"a/b\",\"id\":\"a\"}", null);
    assertThat(read.body()).isEqualTo("{\"call\":null}");
  }

  @Test
  void apiKeyIsRequiredAsBasicAuthWhenGiven() throws Exception {
    start("s3cret", FaultOptions.NONE);
    String body = "{\"project_id\":\"a/b\",\"id\":\"x\"}";
    assertThat(post("/call/read", body, null).statusCode()).isEqualTo(401);
    assertThat(post("/call/read", body, AuthHeaders.forApiKey("wrong")).statusCode())
        .isEqualTo(401);
    assertThat(post("/call/read", body, AuthHeaders.forApiKey("s3cret")).statusCode())
        .isEqualTo(200);
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
  }

  @Test
  void theViewerPageQueriesTheServer() throws Exception {
    start(null, FaultOptions.NONE);
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> t.startsWith("text/html"));
    assertThat(page.body()).contains("<script type=\"module\" src=\"/viewer/app.js\">");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
  }

  @Test
  void viewerFilesAreServedWithTheirTypesAndRevalidatedByEtag() throws Exception {
    start(null, FaultOptions.NONE);
    HttpResponse<String> js = get("/viewer/calls.js", null);
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
    assertThat(js.headers().firstValue("Cache-Control")).contains("no-cache");
    assertThat(js.body()).contains("/calls/stream_query").doesNotContain("innerHTML");
    String etag = js.headers().firstValue("ETag").orElseThrow();
    assertThat(get("/viewer/calls.js", etag).statusCode()).isEqualTo(304);
    assertThat(get("/viewer/viewer.css", null).headers().firstValue("Content-Type"))
        .contains("text/css; charset=utf-8");
    assertThat(get("/viewer/nothing.js", null).statusCode()).isEqualTo(404);
    assertThat(get("/viewer/../TraceServer.class", null).statusCode()).isEqualTo(404);
  }

  @Test
  void theViewerListsTheProjectsOfTheStore() throws Exception {
    start(null, FaultOptions.NONE);
    post(
        "/call/start",
        "{\"start\":{\"project_id\":\"acme/zeta\",\"op_name\":\"f\","
            + "\"started_at\":\"2025-01-01T00:00:00Z\",\"attributes\":{},\"inputs\":{}}}",
        null);
    HttpResponse<String> projects = get("/viewer/api/projects", null);
    assertThat(projects.statusCode()).isEqualTo(200);
    assertThat(projects.body()).contains("\"acme/zeta\"");
  }

  private HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path));
    if (ifNoneMatch != null) {
      b.header("If-None-Match", ifNoneMatch);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void faultModeFailsTheFirstRequestsAndLimitsBodies() throws Exception {
    start(null, new FaultOptions(2, 429, 3, 200, 0));
    String body = "{\"project_id\":\"a/b\",\"id\":\"x\"}";
    HttpResponse<String> first = post("/call/read", body, null);
    assertThat(first.statusCode()).isEqualTo(429);
    assertThat(first.headers().firstValue("Retry-After")).contains("3");
    assertThat(post("/call/read", body, null).statusCode()).isEqualTo(429);
    assertThat(post("/call/read", body, null).statusCode()).isEqualTo(200);
    assertThat(
            post("/call/read", "{\"project_id\":\"a/b\",\"id\":\"" + "x".repeat(300) + "\"}", null)
                .statusCode())
        .isEqualTo(413);
  }

  @Test
  void filesAreUploadedAsMultipartAndReadBackByDigest() throws Exception {
    start(null, FaultOptions.NONE);
    String boundary = "b0undary";
    String form =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"project_id\"\r\n\r\na/b\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"obj.py\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\nString greet(String name)\r\n--"
            + boundary
            + "--\r\n";
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/files/create"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    String digest = M.readTree(created.body()).path("digest").asText();
    assertThat(digest)
        .isEqualTo(
            dev.weave4j.internal.util.Digests.bytes(
                "String greet(String name)".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    HttpResponse<String> content =
        post("/files/content", "{\"project_id\":\"a/b\",\"digest\":\"" + digest + "\"}", null);
    assertThat(content.body()).isEqualTo("String greet(String name)");
    server.close();
    start(null, FaultOptions.NONE); // a new server over the same store still has the file
    assertThat(
            post("/files/content", "{\"project_id\":\"a/b\",\"digest\":\"" + digest + "\"}", null)
                .body())
        .isEqualTo("String greet(String name)");
  }

  @Test
  void aStreamFailingAfterItsHeaderClosesTheConnectionSoTheClientSeesAFailureNotAShortAnswer()
      throws Exception {
    start(null, new FaultOptions(0, 503, -1, -1, 0, 2));
    writeTree();
    String body = "{\"project_id\":\"" + P + "\"}";
    HttpRequest query =
        HttpRequest.newBuilder(URI.create(server.url() + "/calls/stream_query"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    assertThatThrownBy(() -> http.send(query, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.io.IOException.class);

    // On the wire: the 200 and the calls sent before the failure, then the connection closes
    // without the last chunk that would make the response look complete.
    URI u = URI.create(server.url());
    try (java.net.Socket socket = new java.net.Socket(u.getHost(), u.getPort())) {
      socket.setSoTimeout(60_000);
      socket
          .getOutputStream()
          .write(
              ("POST /calls/stream_query HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      + "Content-Type: application/json\r\nContent-Length: "
                      + body.length()
                      + "\r\n\r\n"
                      + body)
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String raw =
          new String(
              socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(raw).startsWith("HTTP/1.1 200").contains("Transfer-encoding: chunked");
      assertThat(raw.split("\"op_name\"", -1)).hasSize(3); // two calls
      assertThat(raw).doesNotEndWith("0\r\n\r\n");
    }
  }

  @Test
  void downForMillisRefusesConnectionsThenServes() throws Exception {
    start(null, new FaultOptions(0, 503, -1, -1, 1500));
    HttpRequest health = HttpRequest.newBuilder(URI.create(server.url() + "/health")).build();
    assertThatThrownBy(() -> http.send(health, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.io.IOException.class);
    long deadline = System.currentTimeMillis() + 10_000;
    int status = 0;
    while (status != 200 && System.currentTimeMillis() < deadline) {
      try {
        status = http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode();
      } catch (java.io.IOException e) {
        Thread.sleep(100);
      }
    }
    assertThat(status).isEqualTo(200);
  }

  @Test
  void objectsAreStoredByDigestAndRead() throws Exception {
    start(null, FaultOptions.NONE);
    String obj =
        "{\"obj\":{\"project_id\":\"a/b\",\"object_id\":\"Greeter-greet\",\"val\":{\"_type\":"
            + "\"CustomWeaveType\",\"weave_type\":{\"type\":\"Op\"},\"files\":{\"obj.py\":\"d1\"}}}}";
    JsonNode created = M.readTree(post("/obj/create", obj, null).body());
    String digest = created.path("digest").asText();
    assertThat(digest).hasSize(43);
    assertThat(M.readTree(post("/obj/create", obj, null).body()).path("digest").asText())
        .isEqualTo(digest);
    JsonNode read =
        M.readTree(
            post(
                    "/obj/read",
                    "{\"project_id\":\"a/b\",\"object_id\":\"Greeter-greet\",\"digest\":\""
                        + digest
                        + "\"}",
                    null)
                .body());
    assertThat(read.path("obj").path("kind").asText()).isEqualTo("op");
    assertThat(read.path("obj").path("val").path("files").path("obj.py").asText()).isEqualTo("d1");
    assertThat(
            post(
                    "/obj/read",
                    "{\"project_id\":\"a/b\",\"object_id\":\"no\",\"digest\":\"x\"}",
                    null)
                .statusCode())
        .isEqualTo(404);
    assertThat(Map.of()).isEmpty();
  }
}
