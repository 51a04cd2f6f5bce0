package dev.weave4j.it.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weave4j.it.harness.ServeProcess;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} over a big store as a real process: it listens and answers at once, indexing
 * nothing until a project's first request; concurrent first requests for a project share one index
 * and all see every call; and a project closed when idle is indexed again, complete.
 */
class ServeLazyIndexIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BIG = 60_000;

  @TempDir Path tmp;
  private final HttpClient http = HttpClient.newHttpClient();

  /** {@code calls} finished calls of {@code project}, as the agent writes them. */
  private static void generate(Path store, String project, int calls) throws IOException {
    Path dir = store.resolve(project);
    Files.createDirectories(dir);
    try (BufferedWriter w =
        Files.newBufferedWriter(
            dir.resolve("20250101T000000Z-1-gen.jsonl"), StandardCharsets.UTF_8)) {
      for (int i = 0; i < calls; i++) {
        String id = String.format("00000000-0000-7000-8000-%012d", i);
        w.write(
            "{\"mode\":\"start\",\"req\":{\"start\":{\"project_id\":\""
                + project
                + "\",\"id\":\""
                + id
                + "\",\"trace_id\":\""
                + id
                + "\",\"op_name\":\"weave:///"
                + project
                + "/op/answer:0\",\"started_at\":\"2025-01-01T00:00:01.000000Z\","
                + "\"attributes\":{},\"inputs\":{\"question\":\"q"
                + i
                + "\"}}}}\n");
        w.write(
            "{\"mode\":\"end\",\"req\":{\"end\":{\"project_id\":\""
                + project
                + "\",\"id\":\""
                + id
                + "\",\"ended_at\":\"2025-01-01T00:00:02.000000Z\",\"output\":\"a"
                + i
                + "\",\"summary\":{}}}}\n");
      }
    }
  }

  private HttpResponse<String> get(ServeProcess s, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(s.url() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private CompletableFuture<Long> count(ServeProcess s, String project) {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(s.url() + "/calls/query_stats"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"project_id\":\"" + project + "\"}"))
            .build();
    return http.sendAsync(req, HttpResponse.BodyHandlers.ofString())
        .thenApply(
            res -> {
              assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
              try {
                return JSON.readTree(res.body()).path("count").asLong();
              } catch (IOException e) {
                throw new AssertionError(e);
              }
            });
  }

  private static int occurrences(String text, String what) {
    return text.split(Pattern.quote(what), -1).length - 1;
  }

  @Test
  void answersAtOnceThenConcurrentFirstRequestsShareOneCompleteIndex() throws Exception {
    Path store = tmp.resolve("store");
    generate(store, "big/p", BIG);
    generate(store, "small/q", 3);
    try (ServeProcess s = ServeProcess.start("--dir", store.toString())) {
      // Listening and answering before any project is indexed, whatever the store's size.
      assertThat(get(s, "/health").statusCode()).isEqualTo(200);
      assertThat(s.stderr())
          .contains("2 project(s)")
          .doesNotContain("indexed big/p", "indexed small/q");

      List<CompletableFuture<Long>> firsts = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        firsts.add(count(s, "big/p"));
      }
      // Another project and the health check do not depend on that index.
      assertThat(count(s, "small/q").get()).isEqualTo(3);
      assertThat(get(s, "/health").statusCode()).isEqualTo(200);

      for (CompletableFuture<Long> f : firsts) {
        assertThat(f.get()).isEqualTo(BIG);
      }
      assertThat(occurrences(s.stderr(), "indexed big/p: " + BIG + " calls")).isEqualTo(1);
    }
  }

  @Test
  void aProjectClosedWhenIdleIsIndexedAgainCompleteOnItsNextRequest() throws Exception {
    Path store = tmp.resolve("store");
    generate(store, "e/p", 200);
    try (ServeProcess s =
        ServeProcess.start("--dir", store.toString(), "--project-idle-timeout", "1")) {
      assertThat(count(s, "e/p").get()).isEqualTo(200);
      // Poll: asking again before it was closed keeps it open, which is what idle means.
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (occurrences(s.stderr(), "indexed e/p") < 2 && System.nanoTime() < deadline) {
        Thread.sleep(1_500);
        assertThat(count(s, "e/p").get()).isEqualTo(200);
      }
      assertThat(occurrences(s.stderr(), "indexed e/p: 200 calls")).isGreaterThanOrEqualTo(2);
    }
  }
}
