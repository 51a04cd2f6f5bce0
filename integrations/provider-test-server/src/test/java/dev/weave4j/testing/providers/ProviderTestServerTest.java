package dev.weave4j.testing.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wire shapes of the test server, read with a plain HTTP client. */
class ProviderTestServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static ProviderTestServer server;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    server = ProviderTestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer sk-secret")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The data lines of an event stream. */
  private static List<String> data(String sse) {
    return sse.lines()
        .filter(l -> l.startsWith("data: "))
        .map(l -> l.substring(6))
        .collect(Collectors.toList());
  }

  @Test
  void openAiChatAnswersEachOfferedToolWithACallThenTextOnceToolResultsCome() throws Exception {
    String tools =
        "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"a\"}},"
            + "{\"type\":\"function\",\"function\":{\"name\":\"b\"}}]";
    JsonNode calls =
        JSON.readTree(
            post(
                    "/v1/chat/completions",
                    "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                        + tools
                        + "}")
                .body());
    JsonNode toolCalls = calls.path("choices").get(0).path("message").path("tool_calls");
    assertThat(toolCalls.findValuesAsText("name")).containsExactly("a", "b");
    assertThat(toolCalls.findValuesAsText("id")).containsExactly(Canned.TOOL_CALL_ID, "call_test2");

    JsonNode answer =
        JSON.readTree(
            post(
                    "/v1/chat/completions",
                    "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},"
                        + "{\"role\":\"tool\",\"tool_call_id\":\"call_test1\",\"content\":\"y\"}],"
                        + tools
                        + "}")
                .body());
    assertThat(answer.path("choices").get(0).path("message").path("content").asText())
        .isEqualTo(Canned.TEXT);
    assertThat(answer.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
  }

  @Test
  void openAiChatStreamEndsWithAUsageChunkAndDoneWhenUsageIsAskedFor() throws Exception {
    HttpResponse<String> r =
        post(
            "/v1/chat/completions",
            "{\"model\":\"gpt-4o\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[]}");

    assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
    List<String> data = data(r.body());
    assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
    JsonNode usageChunk = JSON.readTree(data.get(data.size() - 2));
    assertThat(usageChunk.path("choices")).isEmpty();
    assertThat(usageChunk.path("usage").path("total_tokens").asInt())
        .isEqualTo(Canned.TOTAL_TOKENS);
    assertThat(r.body()).contains("\n\n");
    assertThat(server.requests())
        .last()
        .satisfies(q -> assertThat(q.header("Authorization")).isEqualTo("Bearer sk-secret"));
  }

  @Test
  void openAiChatAnswersAToolCallThenItsResultWithText() throws Exception {
    String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"weather\"}}]";
    JsonNode call =
        JSON.readTree(
            post(
                    "/v1/chat/completions",
                    "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                        + tools
                        + "}")
                .body());
    JsonNode answer =
        JSON.readTree(
            post(
                    "/v1/chat/completions",
                    "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                        + "{\"role\":\"tool\",\"tool_call_id\":\"call_test1\",\"content\":\"sunny\"}],"
                        + tools
                        + "}")
                .body());

    JsonNode first = call.path("choices").get(0);
    assertThat(first.path("finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(
            first.path("message").path("tool_calls").get(0).path("function").path("name").asText())
        .isEqualTo("weather");
    JsonNode second = answer.path("choices").get(0);
    assertThat(second.path("finish_reason").asText()).isEqualTo("stop");
    assertThat(second.path("message").path("content").asText()).isEqualTo(Canned.TEXT);
  }

  @Test
  void errorsCarryTheProvidersErrorBodies() throws Exception {
    HttpResponse<String> openAi = post("/v1/chat/completions", "{\"model\":\"gpt-error-429\"}");
    assertThat(openAi.statusCode()).isEqualTo(429);
    assertThat(JSON.readTree(openAi.body()).path("error").path("message").asText())
        .isEqualTo(Canned.errorMessage(429));

    HttpResponse<String> anthropic = post("/v1/messages", "{\"model\":\"claude-error-500\"}");
    assertThat(anthropic.statusCode()).isEqualTo(500);
    assertThat(JSON.readTree(anthropic.body()).path("error").path("type").asText())
        .isEqualTo("api_error");

    HttpResponse<String> genai =
        post("/v1beta/models/gemini-error-400:generateContent", "{\"contents\":[]}");
    assertThat(genai.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(genai.body()).path("error").path("status").asText())
        .isEqualTo("INVALID_ARGUMENT");
  }

  @Test
  void anthropicStreamsNamedEventsWithUsageInStartAndDelta() throws Exception {
    HttpResponse<String> r =
        post("/v1/messages?beta=true", "{\"model\":\"claude\",\"stream\":true}");
    List<String> events =
        r.body().lines().filter(l -> l.startsWith("event: ")).collect(Collectors.toList());
    assertThat(events.get(0)).isEqualTo("event: message_start");
    assertThat(events.get(events.size() - 1)).isEqualTo("event: message_stop");
    assertThat(r.body()).contains("\"output_tokens\":" + Canned.COMPLETION_TOKENS);
  }

  @Test
  void aCutStreamDropsTheConnectionMidway() {
    assertThatThrownBy(
            () -> post("/v1/chat/completions", "{\"model\":\"gpt-cut\",\"stream\":true}"))
        .isInstanceOf(IOException.class);
  }
}
