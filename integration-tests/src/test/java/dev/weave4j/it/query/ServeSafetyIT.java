package dev.weave4j.it.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.ServeProcess;
import dev.weave4j.it.harness.TestIds;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@code serve} as a real process, tried as a hostile website, a DNS-rebinding page, a slow or
 * oversized client and a flood of reads would: each is refused or bounded, and a normal request
 * still answers afterwards.
 */
class ServeSafetyIT {

  private static final ObjectMapper M = new ObjectMapper();
  private static final String ID = TestIds.uuid("s1");
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> post(ServeProcess s, String path, String type, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(s.url() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (type != null) {
      b.header("Content-Type", type);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> json(ServeProcess s, String path, String body) throws Exception {
    return post(s, path, "application/json", body);
  }

  /**
   * A read, sent again when the client's pooled keep-alive connection was closed under it (the JDK
   * client does not retry a POST by itself; Weave's SDKs retry such reads too): what the test
   * measures is what the server keeps, not connection reuse.
   */
  private HttpResponse<String> read(ServeProcess s, String path, String body) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return json(s, path, body);
      } catch (java.io.IOException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  private static String startItem(String id, String extra) {
    return "{\"mode\":\"start\",\"req\":{\"start\":{\"project_id\":\"e/p\",\"id\":\""
        + id
        + "\",\"trace_id\":\""
        + id
        + "\",\"op_name\":\"op\",\"started_at\":\"2025-01-01T00:00:01Z\","
        + "\"attributes\":{},\"inputs\":{}"
        + extra
        + "}}}";
  }

  /** One raw HTTP/1.1 request (the JDK client will not send a foreign Host); the status line. */
  private static String raw(ServeProcess s, String request) throws IOException {
    URI u = URI.create(s.url());
    try (Socket socket = new Socket(u.getHost(), u.getPort())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return answer.lines().findFirst().orElse("");
    }
  }

  private static String statsRequest(String host) {
    String body = "{\"project_id\":\"e/p\"}";
    return "POST /calls/query_stats HTTP/1.1\r\nHost: "
        + host
        + "\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length()
        + "\r\nConnection: close\r\n\r\n"
        + body;
  }

  @Test
  void aCrossOriginBrowserPostIsRefusedAndWritesNothing() throws Exception {
    try (ServeProcess s = ServeProcess.start()) {
      String batch = "{\"batch\":[" + startItem(ID, "") + "]}";
      HttpResponse<String> evil =
          http.send(
              HttpRequest.newBuilder(URI.create(s.url() + "/call/upsert_batch"))
                  .header("Origin", "https://evil.example")
                  .header("Content-Type", "text/plain") // a "simple" request: no CORS preflight
                  .POST(HttpRequest.BodyPublishers.ofString(batch))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(evil.statusCode()).isEqualTo(403);
      HttpResponse<String> evilJson =
          http.send(
              HttpRequest.newBuilder(URI.create(s.url() + "/call/upsert_batch"))
                  .header("Origin", "null")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(batch))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(evilJson.statusCode()).isEqualTo(403);
      assertThat(s.records("e/p")).isEmpty();

      HttpResponse<String> own =
          http.send(
              HttpRequest.newBuilder(URI.create(s.url() + "/call/upsert_batch"))
                  .header("Origin", s.url()) // the viewer page's own requests
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(batch))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
      assertThat(s.arrivals("e/p", "start")).containsEntry(ID, 1);
    }
  }

  @Test
  void aDnsRebindingHostIsRefusedUnlessAllowed() throws Exception {
    try (ServeProcess s = ServeProcess.start()) {
      String port = String.valueOf(URI.create(s.url()).getPort());
      assertThat(raw(s, statsRequest("rebound.example:" + port))).contains(" 400 ");
      assertThat(raw(s, "GET / HTTP/1.1\r\nHost: rebound.example\r\nConnection: close\r\n\r\n"))
          .contains(" 400 ");
      assertThat(raw(s, statsRequest("localhost:" + port))).contains(" 200 ");
      assertThat(raw(s, statsRequest("127.0.0.1:" + port))).contains(" 200 ");
      assertThat(raw(s, statsRequest("[::1]:" + port))).contains(" 200 ");
    }
    try (ServeProcess s = ServeProcess.start("--allowed-hosts", "traces.internal")) {
      assertThat(raw(s, statsRequest("traces.internal"))).contains(" 200 ");
      assertThat(raw(s, statsRequest("rebound.example"))).contains(" 400 ");
    }
  }

  @Test
  void jsonEndpointsRefuseOtherContentTypesAndUnknownRoutesAre404BeforeTheBody() throws Exception {
    try (ServeProcess s = ServeProcess.start()) {
      String read = "{\"project_id\":\"e/p\",\"id\":\"" + ID + "\"}";
      assertThat(post(s, "/call/read", "text/plain", read).statusCode()).isEqualTo(415);
      assertThat(post(s, "/call/read", "application/x-www-form-urlencoded", "a=1").statusCode())
          .isEqualTo(415);
      assertThat(post(s, "/call/read", "application/json; charset=utf-8", read).statusCode())
          .isEqualTo(200);
      HttpResponse<String> unknown = post(s, "/no/such/route", "text/plain", "not json at all");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(M.readTree(unknown.body()).path("detail").asText()).isEqualTo("Not Found");
      assertThat(post(s, "/files/create", "application/json", "{}").statusCode()).isEqualTo(415);
    }
  }

  @Test
  void jsonWithoutAContentTypeIsAcceptedAsWeavesPythonSdkSendsIt() throws Exception {
    // The Python SDK posts model_dump_json() bytes with requests' data=..., so no Content-Type.
    try (ServeProcess s = ServeProcess.start()) {
      String batch = "{\"batch\":[" + startItem(ID, "") + "]}";
      assertThat(post(s, "/call/upsert_batch", null, batch).statusCode()).isEqualTo(200);
      HttpResponse<String> read =
          post(s, "/call/read", null, "{\"project_id\":\"e/p\",\"id\":\"" + ID + "\"}");
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(M.readTree(read.body()).path("call").path("id").asText()).isEqualTo(ID);
    }
  }

  @Test
  void idsAndNamesAreValidatedAsUpstreamDoes() throws Exception {
    try (ServeProcess s = ServeProcess.start()) {
      HttpResponse<String> script =
          json(
              s,
              "/call/upsert_batch",
              "{\"batch\":[" + startItem("<img src=x onerror=alert(1)>", "") + "]}");
      assertThat(script.statusCode()).isEqualTo(400);
      assertThat(M.readTree(script.body()).path("reason").asText()).contains("not a UUID");
      HttpResponse<String> badParent =
          json(
              s,
              "/call/start",
              "{\"start\":{\"project_id\":\"e/p\",\"parent_id\":\"x\",\"op_name\":\"op\","
                  + "\"started_at\":\"2025-01-01T00:00:01Z\",\"attributes\":{},\"inputs\":{}}}");
      assertThat(badParent.statusCode()).isEqualTo(400);
      String longName = ",\"display_name\":\"" + "n".repeat(1025) + "\"";
      assertThat(
              json(s, "/call/upsert_batch", "{\"batch\":[" + startItem(ID, longName) + "]}")
                  .statusCode())
          .isEqualTo(400);
      String okName = ",\"display_name\":\"" + "n".repeat(1024) + "\"";
      assertThat(
              json(s, "/call/upsert_batch", "{\"batch\":[" + startItem(ID, okName) + "]}")
                  .statusCode())
          .isEqualTo(200);
      for (String objectId : List.of("a/b", "<script>", "o".repeat(129))) {
        HttpResponse<String> obj =
            json(
                s,
                "/obj/create",
                "{\"obj\":{\"project_id\":\"e/p\",\"object_id\":\"" + objectId + "\",\"val\":1}}");
        assertThat(obj.statusCode()).as(objectId).isEqualTo(400);
        assertThat(M.readTree(obj.body()).path("reason").asText()).contains("object_id");
      }
      assertThat(s.records("e/p")).hasSize(1);
    }
  }

  @Test
  void callsCompleteStoresValidBatchesAndBadPagingIs422() throws Exception {
    try (ServeProcess s = ServeProcess.start()) {
      String call =
          "{\"project_id\":\"ignored/x\",\"id\":\""
              + ID
              + "\",\"trace_id\":\""
              + ID
              + "\",\"op_name\":\"op\",\"display_name\":\"whole\","
              + "\"started_at\":\"2025-01-01T00:00:01Z\",\"ended_at\":\"2025-01-01T00:00:02Z\","
              + "\"attributes\":{},\"inputs\":{\"a\":1},\"output\":42,\"summary\":{}}";
      HttpResponse<String> done = json(s, "/v2/e/p/calls/complete", "{\"batch\":[" + call + "]}");
      assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
      JsonNode read =
          M.readTree(json(s, "/call/read", "{\"project_id\":\"e/p\",\"id\":\"" + ID + "\"}").body())
              .path("call");
      assertThat(read.path("output").asInt()).isEqualTo(42);
      assertThat(read.path("display_name").asText()).isEqualTo("whole");
      assertThat(read.path("ended_at").asText()).startsWith("2025-01-01T00:00:02");

      HttpResponse<String> negative =
          json(s, "/feedback/query", "{\"project_id\":\"e/p\",\"offset\":-1}");
      assertThat(negative.statusCode()).isEqualTo(422);
      assertThat(M.readTree(negative.body()).path("detail").get(0).path("loc").toString())
          .isEqualTo("[\"body\",\"offset\"]");
      HttpResponse<String> badProject =
          json(s, "/calls/stream_query", "{\"project_id\":\"../../etc\"}");
      assertThat(badProject.statusCode()).isEqualTo(400);
    }
  }

  @Test
  void slowClientsAreCutOffAndDoNotStarveOthers() throws Exception {
    int slow = 40; // five times the old fixed pool
    try (ServeProcess s = ServeProcess.start("--read-timeout", "2")) {
      URI u = URI.create(s.url());
      List<Socket> sockets = new ArrayList<>();
      try {
        for (int i = 0; i < slow; i++) {
          Socket socket = new Socket(u.getHost(), u.getPort());
          socket.setSoTimeout(60_000);
          OutputStream out = socket.getOutputStream();
          if (i % 2 == 0) { // headers that never end
            out.write("POST /call/read HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes());
          } else { // a body that never arrives
            out.write(
                ("POST /call/read HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                        + "\r\nContent-Length: 1000\r\n\r\n{\"project_id\":")
                    .getBytes());
          }
          out.flush();
          sockets.add(socket);
        }
        HttpResponse<String> normal =
            json(s, "/call/read", "{\"project_id\":\"e/p\",\"id\":\"" + ID + "\"}");
        assertThat(normal.statusCode()).isEqualTo(200);
        for (Socket socket : sockets) {
          // The server closes each one (end of stream or reset) well before our 60 s timeout.
          assertThat(readsToTheEnd(socket.getInputStream())).isTrue();
        }
      } finally {
        for (Socket socket : sockets) {
          socket.close();
        }
      }
      assertThat(
              json(s, "/call/read", "{\"project_id\":\"e/p\",\"id\":\"" + ID + "\"}").statusCode())
          .isEqualTo(200);
    }
  }

  private static boolean readsToTheEnd(InputStream in) {
    try {
      in.readAllBytes();
      return true;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by the server
    }
  }

  @Test
  void bodiesOver31MiBAre413WithAReasonAndTheServerCarriesOn() throws Exception {
    try (ServeProcess s = ServeProcess.start()) {
      long size = 400L << 20;
      HttpResponse<String> huge =
          http.send(
              HttpRequest.newBuilder(URI.create(s.url() + "/call/upsert_batch"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.fromPublisher(
                          HttpRequest.BodyPublishers.ofInputStream(() -> new Zeros(size)), size))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(huge.statusCode()).isEqualTo(413);
      assertThat(M.readTree(huge.body()).path("reason").asText()).contains("larger than");
      String boundary = "b0undary";
      String file = "x".repeat(32 << 20);
      String form =
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\"project_id\"\r\n\r\ne/p\r\n--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n\r\n"
              + file
              + "\r\n--"
              + boundary
              + "--\r\n";
      HttpResponse<String> bigFile =
          post(s, "/file/create", "multipart/form-data; boundary=" + boundary, form);
      assertThat(bigFile.statusCode()).isEqualTo(413);
      assertThat(json(s, "/calls/query_stats", "{\"project_id\":\"e/p\"}").statusCode())
          .isEqualTo(200);
    }
  }

  /** {@code size} bytes of {@code '0'}, made as they are read. */
  private static final class Zeros extends InputStream {
    private long left;

    Zeros(long size) {
      this.left = size;
    }

    @Override
    public int read() {
      return left-- > 0 ? '0' : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      java.util.Arrays.fill(b, off, off + n, (byte) '0');
      left -= n;
      return n;
    }
  }

  @Test
  void aHugeValueIsBoundedAtIngestAndAHugeStoredLineStaysReadable() throws Exception {
    String huge = "v".repeat(20_000_000);
    String stored = TestIds.uuid("old");
    Path store;
    try (ServeProcess s = ServeProcess.start()) {
      store = s.storeDir();
      // As an older serve or agent wrote it: one 25 M-character line, already in the store.
      Path project = s.storeDir().resolve("e").resolve("p");
      Files.createDirectories(project);
      Files.writeString(
          project.resolve("20240101T000000-1.jsonl"),
          startItem(stored, "")
                  .replace("\"inputs\":{}", "\"inputs\":{\"x\":\"" + "w".repeat(25_000_000) + "\"}")
              + "\n");
      HttpResponse<String> written =
          json(
              s,
              "/call/upsert_batch",
              "{\"batch\":["
                  + startItem(ID, "")
                      .replace("\"inputs\":{}", "\"inputs\":{\"x\":\"" + huge + "\",\"y\":1}")
                  + "]}");
      assertThat(written.statusCode()).as(written.body()).isEqualTo(200);

      JsonNode call =
          M.readTree(json(s, "/call/read", "{\"project_id\":\"e/p\",\"id\":\"" + ID + "\"}").body())
              .path("call");
      assertThat(call.path("inputs").path("x").toString())
          .isEqualTo("{\"_weave\":{\"error\":\"<EXCEEDS_LIMITS>\"}}");
      assertThat(call.path("inputs").path("y").asInt()).isEqualTo(1);
      HttpResponse<String> old =
          json(s, "/call/read", "{\"project_id\":\"e/p\",\"id\":\"" + stored + "\"}");
      assertThat(old.statusCode()).isEqualTo(200);
      assertThat(old.body()).contains("\"x\":\"" + "w".repeat(25_000_000) + "\"");
      HttpResponse<String> stream = json(s, "/calls/stream_query", "{\"project_id\":\"e/p\"}");
      assertThat(stream.statusCode()).isEqualTo(200);
      assertThat(stream.body().lines().filter(l -> !l.isBlank()).count()).isEqualTo(2);
      JvmRun cli =
          AgentJvm.runCli(
              s.workDir(),
              s.storeDir(),
              List.of(
                  "show", stored, "--json", "--dir", s.storeDir().toString(), "--project", "e/p"),
              java.util.Map.of());
      cli.assertSuccess();
    }
    try (ServeProcess again = ServeProcess.start("--dir", store.toString())) { // a restart
      for (String id : List.of(ID, stored)) {
        assertThat(
                json(again, "/call/read", "{\"project_id\":\"e/p\",\"id\":\"" + id + "\"}")
                    .statusCode())
            .isEqualTo(200);
      }
      assertThat(json(again, "/calls/query_stats", "{\"project_id\":\"e/p\"}").body())
          .isEqualTo("{\"count\":2}");
    }
  }

  @Test
  void readsOfUnknownProjectsKeepNothingEvenInASmallHeap() throws Exception {
    int reads = 100_000;
    try (ServeProcess s = ServeProcess.start(List.of("-Xmx64m"))) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Integer>> parts = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int from = t * reads / 4;
          int to = (t + 1) * reads / 4;
          parts.add(
              pool.submit(
                  () -> {
                    int ok = 0;
                    for (int i = from; i < to; i++) {
                      String body =
                          (i % 2 == 0)
                              ? "{\"project_id\":\"nobody/p" + i + "\"}"
                              : "{\"project_id\":\"nobody/p" + i + "\",\"id\":\"" + ID + "\"}";
                      String path = (i % 2 == 0) ? "/calls/query_stats" : "/call/read";
                      if (read(s, path, body).statusCode() == 200) {
                        ok++;
                      }
                    }
                    return ok;
                  }));
        }
        int ok = 0;
        for (Future<Integer> f : parts) {
          ok += f.get();
        }
        assertThat(ok).isEqualTo(reads);
      } finally {
        pool.shutdownNow();
      }
      assertThat(
              json(s, "/call/upsert_batch", "{\"batch\":[" + startItem(ID, "") + "]}").statusCode())
          .isEqualTo(200);
      assertThat(Files.exists(s.storeDir().resolve("nobody"))).isFalse();
      assertThat(s.stderr()).doesNotContain("OutOfMemoryError");
    }
  }
}
