package dev.weave4j.integrations.genai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ApiException;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.Tool;
import dev.weave4j.integrations.genai.GenAiTracing.GenAiCall;
import dev.weave4j.internal.testing.RecordedCalls;
import dev.weave4j.internal.trace.LlmCall;
import dev.weave4j.testing.providers.Canned;
import dev.weave4j.testing.providers.ProviderTestServer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real google-genai SDK against the local provider server, driven through {@link GenAiTracing}
 * as the agent's advice drives it (the generate methods, and the stream's iterator and close), into
 * a real tracer.
 */
class GenAiTracingTest {

  private static final String API_KEY = "AIza-test-SECRET-0123456789";
  private static final String MODEL = "gemini-2.5-flash";

  private static ProviderTestServer server;
  private static Client client;

  private RecordedCalls recorded;
  private GenAiTracing tracing;

  @BeforeAll
  static void startServer() throws Exception {
    server = ProviderTestServer.start();
    client =
        Client.builder()
            .apiKey(API_KEY)
            .httpOptions(HttpOptions.builder().baseUrl(server.baseUrl()).build())
            .build();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void newTracer() {
    recorded = new RecordedCalls();
    tracing = new GenAiTracing(() -> recorded.tracer);
  }

  @SuppressWarnings("unchecked")
  private static <T> T advised(GenAiCall call, Supplier<T> method) {
    T value;
    try {
      value = method.get();
    } catch (RuntimeException e) {
      call.threw(e);
      throw e;
    }
    return (T) call.returned(value);
  }

  private GenerateContentResponse generate(String model, GenerateContentConfig config) {
    GenAiCall call = tracing.start(model, "Say hello.", config, false, false);
    return advised(call, () -> client.models.generateContent(model, "Say hello.", config));
  }

  /** Consumes a stream as a caller does, through the iterator the advice hands out. */
  private List<GenerateContentResponse> consume(ResponseStream<GenerateContentResponse> stream) {
    List<GenerateContentResponse> seen = new ArrayList<>();
    Iterator<GenerateContentResponse> it = tracing.iterator(stream, stream.iterator());
    while (it.hasNext()) {
      seen.add(it.next());
    }
    return seen;
  }

  private ResponseStream<GenerateContentResponse> stream(String model) {
    GenAiCall call = tracing.start(model, "Say hello.", null, true, false);
    return advised(call, () -> client.models.generateContentStream(model, "Say hello.", null));
  }

  private static void assertUsage(JsonNode summary) {
    JsonNode usage = summary.path("usage").path(Canned.responseModel(MODEL));
    assertThat(usage.path("requests").asInt()).isEqualTo(1);
    assertThat(usage.path("prompt_token_count").asInt()).isEqualTo(Canned.PROMPT_TOKENS);
    assertThat(usage.path("candidates_token_count").asInt()).isEqualTo(Canned.COMPLETION_TOKENS);
    assertThat(usage.path("total_token_count").asInt()).isEqualTo(Canned.TOTAL_TOKENS);
  }

  private static String text(JsonNode output) {
    return output
        .path("candidates")
        .get(0)
        .path("content")
        .path("parts")
        .get(0)
        .path("text")
        .asText();
  }

  @Test
  void generateContentRecordsTheRequestAndResponseWithUsage() {
    GenerateContentConfig config = GenerateContentConfig.builder().temperature(0.3f).build();
    GenerateContentResponse answer = generate(MODEL, config);

    assertThat(answer.text()).isEqualTo(Canned.TEXT);
    RecordedCalls.Recorded call = recorded.onlyEnded();
    assertThat(call.opName()).isEqualTo("google.genai.models.Models.generate_content");
    assertThat(call.inputs().path("model").asText()).isEqualTo(MODEL);
    assertThat(call.inputs().path("contents").asText()).isEqualTo("Say hello.");
    assertThat(call.inputs().path("config").path("temperature").asDouble())
        .isEqualTo(0.3, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(text(call.output())).isEqualTo(Canned.TEXT);
    assertUsage(call.summary());
    assertThat(call.attributes().path("weave").path("kind").asText()).isEqualTo("llm");
    assertThat(call.allText()).doesNotContain(API_KEY);
  }

  @Test
  void aStreamIsFoldedIntoOneResponseWhileTheCallerSeesEveryChunk() {
    List<GenerateContentResponse> seen;
    try (ResponseStream<GenerateContentResponse> stream = stream(MODEL)) {
      seen = consume(stream);
    }
    assertThat(seen).hasSize(Canned.TEXT_PIECES.size());
    RecordedCalls.Recorded call = recorded.onlyEnded();
    assertThat(call.opName()).isEqualTo("google.genai.models.Models.generate_content_stream");
    assertThat(text(call.output())).isEqualTo(Canned.TEXT);
    assertUsage(call.summary());
    assertThat(call.summary().has(LlmCall.TIME_TO_FIRST_TOKEN)).isTrue();
  }

  @Test
  void aStreamNeverIteratedNorClosedEndsItsCallWhenGarbageCollected() throws Exception {
    dropAStream();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (recorded.calls().isEmpty() || recorded.calls().get(0).end() == null) {
      assertThat(System.nanoTime()).as("the dropped stream's call ended").isLessThan(deadline);
      System.gc();
      Thread.sleep(20);
    }
    RecordedCalls.Recorded call = recorded.onlyEnded();
    assertThat(call.output().asText()).isEqualTo("<not consumed>");
    assertThat(call.exception()).isNull();
  }

  /** Starts a traced stream and keeps no reference to it. */
  private void dropAStream() {
    assertThat(stream(MODEL)).isNotNull();
  }

  @Test
  void aStreamReadAfterItsCallWasWatchedEndsWithItsResponseOnly() {
    ResponseStream<GenerateContentResponse> stream = stream(MODEL);
    consume(stream);
    stream.close();
    System.gc();

    RecordedCalls.Recorded call = recorded.onlyEnded();
    assertThat(text(call.output())).isEqualTo(Canned.TEXT);
    assertThat(recorded.calls()).hasSize(1);
  }

  @Test
  void aStreamClosedEarlyEndsItsCallWithWhatWasConsumed() {
    ResponseStream<GenerateContentResponse> stream = stream(MODEL);
    Iterator<GenerateContentResponse> it = tracing.iterator(stream, stream.iterator());
    it.next();
    tracing.closed(stream);
    stream.close();
    RecordedCalls.Recorded call = recorded.onlyEnded();
    assertThat(text(call.output())).isEqualTo(Canned.TEXT_PIECES.get(0));
  }

  @Test
  void functionCallsAreRecorded() {
    GenerateContentConfig config =
        GenerateContentConfig.builder()
            .tools(
                Tool.builder()
                    .functionDeclarations(FunctionDeclaration.builder().name("get_weather").build())
                    .build())
            .build();
    GenerateContentResponse answer = generate(MODEL, config);
    assertThat(answer.functionCalls()).hasSize(1);
    JsonNode part =
        recorded
            .onlyEnded()
            .output()
            .path("candidates")
            .get(0)
            .path("content")
            .path("parts")
            .get(0);
    assertThat(part.path("functionCall").path("name").asText()).isEqualTo("get_weather");
    assertThat(part.path("functionCall").path("args").path("city").asText()).isEqualTo("Paris");
  }

  @Test
  void providerErrorsAreRecordedWithTheirMessageAndReachTheCallerUnchanged() {
    assertThatThrownBy(() -> generate("gemini-error-400", null)).isInstanceOf(ApiException.class);
    assertThat(recorded.onlyEnded().exception()).contains(Canned.errorMessage(400));
  }

  @Test
  void aStreamCutMidwayFailsTheCall() {
    ResponseStream<GenerateContentResponse> stream = stream("gemini-cut");
    List<GenerateContentResponse> seen = new ArrayList<>();
    Throwable thrown = null;
    try {
      Iterator<GenerateContentResponse> it = tracing.iterator(stream, stream.iterator());
      while (it.hasNext()) {
        seen.add(it.next());
      }
    } catch (RuntimeException e) {
      thrown = e;
    }
    assertThat(thrown).isNotNull();
    assertThat(recorded.onlyEnded().exception()).contains(thrown.getClass().getName());
  }

  @Test
  void asyncGenerateContentEndsWhenTheFutureCompletes() throws Exception {
    GenAiCall call = tracing.start(MODEL, "Say hello.", null, false, true);
    CompletableFuture<GenerateContentResponse> future =
        advised(call, () -> client.async.models.generateContent(MODEL, "Say hello.", null));
    assertThat(future.get(30, TimeUnit.SECONDS).text()).isEqualTo(Canned.TEXT);
    RecordedCalls.Recorded r = recorded.onlyEnded();
    assertThat(r.opName()).isEqualTo("google.genai.models.AsyncModels.generate_content");
    assertUsage(r.summary());
  }
}
