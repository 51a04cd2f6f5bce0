package dev.weave4j.integrations.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.AsyncStreamResponse;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.RateLimitException;
import com.anthropic.models.beta.messages.BetaMessage;
import com.anthropic.models.beta.messages.BetaRawMessageStreamEvent;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.integrations.anthropic.AnthropicTracing.AnthropicCall;
import dev.weave4j.internal.testing.RecordedCalls;
import dev.weave4j.internal.trace.LlmCall;
import dev.weave4j.testing.providers.Canned;
import dev.weave4j.testing.providers.ProviderTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real anthropic-java SDK against the local provider server, driven through {@link
 * AnthropicTracing} as the agent's advice drives it, into a real tracer.
 */
class AnthropicTracingTest {

  private static final String API_KEY = "sk-ant-test-SECRET-0123456789";
  private static final String MODEL = "claude-sonnet-4-5";

  private static ProviderTestServer server;
  private static AnthropicClient client;

  private RecordedCalls recorded;
  private AnthropicTracing tracing;

  @BeforeAll
  static void startServer() throws Exception {
    server = ProviderTestServer.start();
    client =
        AnthropicOkHttpClient.builder()
            .baseUrl(server.baseUrl())
            .apiKey(API_KEY)
            .maxRetries(0)
            .build();
  }

  @AfterAll
  static void stopServer() {
    client.close();
    server.close();
  }

  @BeforeEach
  void newTracer() {
    recorded = new RecordedCalls();
    tracing = new AnthropicTracing(() -> recorded.tracer);
  }

  private static MessageCreateParams params(String model) {
    return MessageCreateParams.builder()
        .model(model)
        .maxTokens(256)
        .addUserMessage("Say hello.")
        .build();
  }

  /** A tool, put as the provider's JSON so that every SDK version line builds it. */
  private static MessageCreateParams toolParams() {
    return params(MODEL).toBuilder()
        .putAdditionalBodyProperty(
            "tools",
            JsonValue.from(
                List.of(Map.of("name", "get_weather", "input_schema", Map.of("type", "object")))))
        .build();
  }

  /** What the advice does around a method returning {@code T}. */
  @SuppressWarnings("unchecked")
  private static <T> T advised(AnthropicCall call, Supplier<T> method) {
    T value;
    try {
      value = method.get();
    } catch (RuntimeException e) {
      call.threw(e);
      throw e;
    }
    return (T) call.returned(value);
  }

  private Message create(MessageCreateParams params) {
    AnthropicCall call = tracing.startMessage(params, server.baseUrl(), false);
    return advised(call, () -> client.messages().create(params));
  }

  private StreamResponse<RawMessageStreamEvent> stream(MessageCreateParams params) {
    AnthropicCall call = tracing.startMessage(params, server.baseUrl(), true);
    return advised(call, () -> client.messages().createStreaming(params));
  }

  /** The events a stream hands out without tracing (the SDK drops {@code ping} events). */
  private static long untracedEvents() {
    try (StreamResponse<RawMessageStreamEvent> s =
        client.messages().createStreaming(params(MODEL))) {
      return s.stream().count();
    }
  }

  private static void assertUsage(JsonNode summary) {
    JsonNode usage = summary.path("usage").path(Canned.responseModel(MODEL));
    assertThat(usage.path("requests").asInt()).isEqualTo(1);
    assertThat(usage.path("input_tokens").asInt()).isEqualTo(Canned.PROMPT_TOKENS);
    assertThat(usage.path("output_tokens").asInt()).isEqualTo(Canned.COMPLETION_TOKENS);
    assertThat(usage.path("cache_read_input_tokens").asInt()).isEqualTo(Canned.CACHED_TOKENS);
  }

  private static String text(JsonNode output) {
    return output.path("content").get(0).path("text").asText();
  }

  @Test
  void aMessageCreatedThroughWithRawResponseIsOneCallEndedWhenParsed() {
    AnthropicCall call = tracing.startMessage(params(MODEL), server.baseUrl(), false);
    HttpResponseFor<Message> raw =
        advised(call, () -> client.messages().withRawResponse().create(params(MODEL)));

    assertThat(recorded.calls()).singleElement().satisfies(c -> assertThat(c.end()).isNull());
    assertThat(raw.statusCode()).isEqualTo(200);
    Message answer = raw.parse();
    assertThat(raw.parse()).isSameAs(answer);
    raw.close();

    assertThat(answer.content().get(0).text().orElseThrow().text()).isEqualTo(Canned.TEXT);
    RecordedCalls.Recorded traced = recorded.onlyEnded();
    assertThat(text(traced.output())).isEqualTo(Canned.TEXT);
    assertUsage(traced.summary());
  }

  @Test
  void aRawResponseClosedUnparsedEndsItsCallWithoutAnOutput() {
    AnthropicCall call = tracing.startMessage(params(MODEL), server.baseUrl(), false);
    HttpResponseFor<Message> raw =
        advised(call, () -> client.messages().withRawResponse().create(params(MODEL)));
    raw.close();

    RecordedCalls.Recorded traced = recorded.onlyEnded();
    assertThat(traced.output().isNull()).isTrue();
    assertThat(traced.exception()).isNull();
  }

  @Test
  void aMessageRecordsTheRequestAndResponseAsTheProvidersJsonWithUsage() {
    Message answer = create(params(MODEL));

    assertThat(answer.content().get(0).text().orElseThrow().text()).isEqualTo(Canned.TEXT);
    RecordedCalls.Recorded call = recorded.onlyEnded();
    assertThat(call.opName()).isEqualTo("anthropic.Messages.create");
    assertThat(call.inputs().path("model").asText()).isEqualTo(MODEL);
    assertThat(call.inputs().path("max_tokens").asInt()).isEqualTo(256);
    assertThat(call.inputs().path("messages").get(0).path("content").asText())
        .isEqualTo("Say hello.");
    assertThat(text(call.output())).isEqualTo(Canned.TEXT);
    assertUsage(call.summary());
    assertThat(call.attributes().path("provider").asText()).isEqualTo("anthropic");
    assertThat(call.attributes().path("weave").path("kind").asText()).isEqualTo("llm");
    assertThat(call.allText()).doesNotContain(API_KEY);
  }

  @Test
  void aStreamedMessageIsRebuiltByTheSdksAccumulatorWhileTheCallerSeesEveryEvent() {
    List<RawMessageStreamEvent> seen;
    try (StreamResponse<RawMessageStreamEvent> stream = stream(params(MODEL))) {
      seen = stream.stream().collect(Collectors.toList());
    }

    assertThat(seen).hasSize((int) untracedEvents());
    RecordedCalls.Recorded call = recorded.onlyEnded();
    assertThat(call.inputs().path("stream").asBoolean()).isTrue();
    assertThat(text(call.output())).isEqualTo(Canned.TEXT);
    assertUsage(call.summary());
    assertThat(call.summary().has(LlmCall.TIME_TO_FIRST_TOKEN)).isTrue();
  }

  @Test
  void streamedToolInputIsMerged() {
    try (StreamResponse<RawMessageStreamEvent> stream = stream(toolParams())) {
      stream.stream().forEach(e -> {});
    }
    JsonNode block = recorded.onlyEnded().output().path("content").get(0);
    assertThat(block.path("type").asText()).isEqualTo("tool_use");
    assertThat(block.path("input").path("city").asText()).isEqualTo("Paris");
  }

  @Test
  void providerErrorsAreRecordedWithTheirMessageAndReachTheCallerUnchanged() {
    assertThatThrownBy(() -> create(params("claude-error-429")))
        .isInstanceOf(RateLimitException.class);
    assertThat(recorded.onlyEnded().exception()).contains(Canned.errorMessage(429));
  }

  @Test
  void aStreamCutMidwayFailsTheCallAndTheCallerGetsTheError() {
    List<RawMessageStreamEvent> seen = new ArrayList<>();
    Throwable thrown = null;
    try (StreamResponse<RawMessageStreamEvent> stream = stream(params("claude-cut"))) {
      stream.stream().forEach(seen::add);
    } catch (RuntimeException e) {
      thrown = e;
    }
    assertThat(thrown).isNotNull();
    assertThat(seen).isNotEmpty();
    assertThat(recorded.onlyEnded().exception()).contains(thrown.getClass().getName());
  }

  @Test
  void asyncMessagesEndWhenTheFutureCompletes() throws Exception {
    MessageCreateParams params = params(MODEL);
    AnthropicCall call = tracing.startMessage(params, server.baseUrl(), false);
    CompletableFuture<Message> future =
        advised(call, () -> client.async().messages().create(params));
    assertThat(future.get(30, TimeUnit.SECONDS).content()).hasSize(1);
    assertUsage(recorded.onlyEnded().summary());
  }

  @Test
  void asyncStreamsHandTheSameEventsToTheHandlerAndAccumulate() throws Exception {
    MessageCreateParams params = params(MODEL);
    AnthropicCall call = tracing.startMessage(params, server.baseUrl(), true);
    AsyncStreamResponse<RawMessageStreamEvent> stream =
        advised(call, () -> client.async().messages().createStreaming(params));
    List<RawMessageStreamEvent> seen = new CopyOnWriteArrayList<>();
    CompletableFuture<Optional<Throwable>> done = new CompletableFuture<>();
    stream.subscribe(
        new AsyncStreamResponse.Handler<RawMessageStreamEvent>() {
          @Override
          public void onNext(RawMessageStreamEvent value) {
            seen.add(value);
          }

          @Override
          public void onComplete(Optional<Throwable> error) {
            done.complete(error);
          }
        });
    assertThat(done.get(30, TimeUnit.SECONDS)).isEmpty();
    assertThat(seen).hasSize((int) untracedEvents());
    assertThat(text(recorded.onlyEnded().output())).isEqualTo(Canned.TEXT);
    assertUsage(recorded.onlyEnded().summary());
  }

  private static com.anthropic.models.beta.messages.MessageCreateParams betaParams() {
    return com.anthropic.models.beta.messages.MessageCreateParams.builder()
        .model(MODEL)
        .maxTokens(256)
        .addUserMessage("Say hello.")
        .build();
  }

  @Test
  void betaMessagesAreTracedAsTheirOwnOp() {
    com.anthropic.models.beta.messages.MessageCreateParams params = betaParams();
    AnthropicCall call = tracing.startBetaMessage(params, server.baseUrl(), false);
    BetaMessage answer = advised(call, () -> client.beta().messages().create(params));
    assertThat(answer.content()).hasSize(1);
    RecordedCalls.Recorded r = recorded.onlyEnded();
    assertThat(r.opName()).isEqualTo("anthropic.beta.Messages.create");
    assertThat(text(r.output())).isEqualTo(Canned.TEXT);
    assertUsage(r.summary());
  }

  @Test
  void streamedBetaMessagesAreRebuiltByTheBetaAccumulator() {
    com.anthropic.models.beta.messages.MessageCreateParams params = betaParams();
    AnthropicCall call = tracing.startBetaMessage(params, server.baseUrl(), true);
    try (StreamResponse<BetaRawMessageStreamEvent> stream =
        advised(call, () -> client.beta().messages().createStreaming(params))) {
      assertThat(stream.stream().count()).isEqualTo(untracedEvents());
    }
    RecordedCalls.Recorded r = recorded.onlyEnded();
    assertThat(text(r.output())).isEqualTo(Canned.TEXT);
    assertUsage(r.summary());
  }
}
