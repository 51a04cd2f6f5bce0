package dev.weave4j.it.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weave4j.it.harness.ServeProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The fault modes of {@code serve} as a real process, as exporter tests use them: failing first
 * requests with a status and {@code Retry-After}, a body size limit, and a server that is down for
 * a while after start-up.
 */
class ServeFaultIT {

  private static final String READ = "{\"project_id\":\"e/p\",\"id\":\"x\"}";
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> post(ServeProcess s, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(s.url() + "/call/read"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void firstRequestsFailWithTheGivenStatusAndRetryAfterThenSucceed() throws Exception {
    try (ServeProcess s =
        ServeProcess.start("--fail-first", "2", "--status", "429", "--retry-after", "1")) {
      HttpResponse<String> first = post(s, READ);
      assertThat(first.statusCode()).isEqualTo(429);
      assertThat(first.headers().firstValue("Retry-After")).contains("1");
      assertThat(first.body()).contains("reason");
      assertThat(post(s, READ).statusCode()).isEqualTo(429);
      assertThat(post(s, READ).statusCode()).isEqualTo(200);
      assertThat(s.stderr()).contains("fault injection on");
    }
  }

  @Test
  void bodiesOverTheLimitAre413() throws Exception {
    try (ServeProcess s = ServeProcess.start("--max-body-bytes", "100")) {
      assertThat(post(s, READ).statusCode()).isEqualTo(200);
      String big = "{\"project_id\":\"e/p\",\"id\":\"" + "x".repeat(200) + "\"}";
      assertThat(post(s, big).statusCode()).isEqualTo(413);
    }
  }

  @Test
  void aServerDownAtStartRefusesConnectionsThenComesBack() throws Exception {
    try (ServeProcess s = ServeProcess.start("--down-for-ms", "2000")) {
      assertThatThrownBy(() -> post(s, READ)).isInstanceOf(IOException.class);
      long deadline = System.currentTimeMillis() + 20_000;
      int status = 0;
      while (status != 200 && System.currentTimeMillis() < deadline) {
        try {
          status = post(s, READ).statusCode();
        } catch (IOException e) {
          Thread.sleep(100);
        }
      }
      assertThat(status).isEqualTo(200);
    }
  }

  @Test
  void aStreamBrokenAfterItsHeaderFailsInTheClientInsteadOfLookingComplete() throws Exception {
    try (ServeProcess s = ServeProcess.start("--break-stream-after", "1")) {
      for (int i = 1; i <= 3; i++) {
        String id = "00000000-0000-7000-8000-00000000000" + i;
        HttpResponse<String> started =
            http.send(
                HttpRequest.newBuilder(URI.create(s.url() + "/call/start"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"start\":{\"project_id\":\"e/p\",\"id\":\""
                                + id
                                + "\",\"trace_id\":\""
                                + id
                                + "\",\"op_name\":\"op\",\"started_at\":"
                                + "\"2025-01-01T00:00:00Z\",\"attributes\":{},\"inputs\":{}}}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
      }
      HttpRequest query =
          HttpRequest.newBuilder(URI.create(s.url() + "/calls/stream_query"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"project_id\":\"e/p\"}"))
              .build();
      assertThatThrownBy(() -> http.send(query, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
      assertThat(s.stderr()).contains("fault injection on");
    }
  }
}
