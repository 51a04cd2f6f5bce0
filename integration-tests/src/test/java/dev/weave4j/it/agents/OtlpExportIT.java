package dev.weave4j.it.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.apps.agents.AgentApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.ItEnv;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.OtlpReceiver;
import dev.weave4j.it.harness.OtlpReceiver.Received;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The agent app of {@link AgentTracingIT} in remote mode, under the packaged agent: its spans go as
 * OTLP/HTTP protobuf to {@code /agents/otel/v1/traces} of a receiver built on the official {@code
 * opentelemetry-proto} classes, checked against weave-protocol.md §6.2 (names, parents, trace
 * boundaries, {@code gen_ai.*} attributes, resource); under 503/429 and a server that is down,
 * every span arrives exactly once.
 */
class OtlpExportIT {

  private static final String KEY = "it-key-0123456789";
  private static final String ENTITY = "acme";
  private static final String PROJECT = "agents";

  /** Spans of one turn: the turn, its chat, three tools, the sub-agent and its chat. */
  private static final int SPANS_PER_TURN = 7;

  private static int expectedSpans() {
    return SPANS_PER_TURN * (ItEnv.javaFeatureVersion() >= 21 ? 3 : 2);
  }

  private static AgentJvm remoteApp(String url) {
    return AgentJvm.app(AgentApp.class)
        .withSysProp("weave.project", ENTITY + "/" + PROJECT)
        .withSysProp("weave.server_url", url)
        .withEnv("WANDB_API_KEY", KEY);
  }

  private static void assertEverySpanOnce(OtlpReceiver receiver, int spans) {
    Map<String, Integer> arrivals = receiver.arrivals();
    assertThat(arrivals).hasSize(spans);
    assertThat(arrivals.values()).allSatisfy(n -> assertThat(n).isEqualTo(1));
  }

  private static String text(Map<String, AnyValue> attrs, String key) {
    assertThat(attrs).containsKey(key);
    return attrs.get(key).getStringValue();
  }

  private static List<Path> spoolFiles(Path localDir) {
    Path spool = localDir.resolve("spool").resolve(ENTITY).resolve(PROJECT);
    if (!Files.isDirectory(spool)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(spool)) {
      return files.filter(p -> p.toString().endsWith(".jsonl")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void agentSpansReachAnOtlpReceiverAsTheGenAiSpansOfWeaveProtocol62() {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      remoteApp(receiver.url()).run().assertSuccess();

      assertEverySpanOnce(receiver, expectedSpans());
      assertThat(receiver.otlpHeaders)
          .allSatisfy(h -> assertThat(h).isEqualTo("application/x-protobuf gzip"));
      assertThat(receiver.acceptedRequests.get())
          .as("several spans per request")
          .isLessThan(expectedSpans());
      String basic =
          "Basic "
              + java.util.Base64.getEncoder()
                  .encodeToString(("api:" + KEY).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(receiver.authorizations)
          .filteredOn(a -> a.startsWith(OtlpReceiver.PATH))
          .isNotEmpty()
          .allSatisfy(a -> assertThat(a).isEqualTo(OtlpReceiver.PATH + " " + basic));
      for (Received r : receiver.spans) {
        Map<String, AnyValue> resource = OtlpReceiver.attributes(r.resource().getAttributesList());
        assertThat(text(resource, "wandb.entity")).isEqualTo(ENTITY);
        assertThat(text(resource, "wandb.project")).isEqualTo(PROJECT);
        assertThat(text(resource, "service.name")).isEqualTo("weave-conversation-sdk");
        assertThat(r.scope()).isEqualTo("weave.conversation");
        assertThat(r.attr("weave.source")).isEqualTo("java-sdk");
        assertThat(r.attributes())
            .containsKeys("weave.client_version", "weave.sys_version", "weave.os_name");
        assertThat(r.span().getEndTimeUnixNano())
            .isGreaterThanOrEqualTo(r.span().getStartTimeUnixNano());
      }
      // Agent spans no longer go through the calls API; the @WeaveOp inside a turn still does.
      assertThat(String.join("\n", receiver.upsertBodies))
          .contains("AgentApp.summarize")
          .doesNotContain("invoke_agent")
          .doesNotContain("execute_tool");

      List<Received> turns = receiver.named("invoke_agent support-bot");
      assertThat(turns).hasSize(2);
      assertThat(turns.get(0).traceId())
          .as("a new trace per turn")
          .isNotEqualTo(turns.get(1).traceId());
      for (Received turn : turns) {
        assertTurn(receiver, turn);
      }
      if (ItEnv.javaFeatureVersion() >= 21) {
        Received vt = receiver.named("invoke_agent vt-bot").get(0);
        List<Received> vtChats =
            receiver.spans.stream().filter(s -> s.parentSpanId().equals(vt.spanId())).toList();
        assertThat(vtChats).extracting(s -> s.span().getName()).contains("chat gpt-4o");
        String chatId =
            vtChats.stream()
                .filter(s -> s.span().getName().equals("chat gpt-4o"))
                .findFirst()
                .get()
                .spanId();
        assertThat(receiver.spans.stream().filter(s -> s.parentSpanId().equals(chatId)))
            .as("tools on virtual threads are children of the open chat span")
            .hasSize(3);
      }
    }
  }

  private static void assertTurn(OtlpReceiver receiver, Received turn) {
    Map<String, AnyValue> a = turn.attributes();
    assertThat(turn.parentSpanId()).as("a turn is the root of its trace").isEmpty();
    assertThat(text(a, "gen_ai.operation.name")).isEqualTo("invoke_agent");
    assertThat(text(a, "gen_ai.agent.name")).isEqualTo("support-bot");
    assertThat(text(a, "gen_ai.conversation.id")).isEqualTo("c-42");
    assertThat(text(a, "gen_ai.conversation.name")).isEqualTo("refund");
    assertThat(text(a, "gen_ai.request.model")).isEqualTo("gpt-4o");
    assertThat(text(a, "tier")).isEqualTo("gold");
    assertThat(text(a, "gen_ai.input.messages"))
        .startsWith("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"")
        .containsAnyOf("Where is my order?", "And my refund?");
    assertThat(text(a, "gen_ai.output.messages")).contains("Answered: ");

    List<Received> children =
        receiver.spans.stream().filter(s -> s.parentSpanId().equals(turn.spanId())).toList();
    assertThat(children)
        .extracting(s -> s.span().getName())
        .containsExactlyInAnyOrder("chat gpt-4o", "invoke_agent billing-agent");
    assertThat(receiver.spans.stream().filter(s -> s.traceId().equals(turn.traceId())))
        .as("the turn's trace holds the turn's spans only")
        .hasSize(SPANS_PER_TURN);

    Received chat =
        children.stream().filter(s -> s.span().getName().equals("chat gpt-4o")).findFirst().get();
    Map<String, AnyValue> c = chat.attributes();
    assertThat(text(c, "gen_ai.operation.name")).isEqualTo("chat");
    assertThat(text(c, "gen_ai.provider.name")).isEqualTo("openai");
    assertThat(text(c, "gen_ai.request.model")).isEqualTo("gpt-4o");
    assertThat(text(c, "gen_ai.conversation.id")).isEqualTo("c-42");
    assertThat(c.get("gen_ai.usage.input_tokens").getIntValue()).isIn(100L, 200L);
    assertThat(c.get("gen_ai.usage.output_tokens").getIntValue()).isIn(10L, 20L);
    assertThat(c.get("gen_ai.response.finish_reasons").getArrayValue().getValuesList())
        .extracting(AnyValue::getStringValue)
        .containsExactly("tool_calls");
    assertThat(text(c, "gen_ai.system_instructions"))
        .isEqualTo("[{\"type\":\"text\",\"content\":\"Be brief.\"}]");
    assertThat(text(c, "gen_ai.output.messages")).contains("\"type\":\"tool_call\"");

    List<Received> tools =
        receiver.spans.stream().filter(s -> s.parentSpanId().equals(chat.spanId())).toList();
    assertThat(tools)
        .as("tools run on pool threads are children of the chat span that was open")
        .extracting(s -> s.span().getName())
        .containsExactlyInAnyOrder(
            "execute_tool lookup_order", "execute_tool lookup_invoice", "execute_tool broken_tool");
    for (Received tool : tools) {
      Map<String, AnyValue> t = tool.attributes();
      String name = text(t, "gen_ai.tool.name");
      assertThat(tool.span().getName()).isEqualTo("execute_tool " + name);
      assertThat(text(t, "gen_ai.operation.name")).isEqualTo("execute_tool");
      assertThat(text(t, "gen_ai.tool.call.id")).startsWith(name + "_");
      assertThat(text(t, "gen_ai.tool.call.arguments")).matches("\\{\"id\":[12]}");
      assertThat(text(t, "gen_ai.conversation.id")).isEqualTo("c-42");
      if (name.equals("broken_tool")) {
        assertThat(tool.span().getStatus().getCode())
            .isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(tool.span().getEvents(0).getName()).isEqualTo("exception");
        Map<String, AnyValue> e =
            OtlpReceiver.attributes(tool.span().getEvents(0).getAttributesList());
        assertThat(text(e, "exception.type")).isEqualTo("java.lang.IllegalStateException");
        assertThat(text(e, "exception.message")).isEqualTo("tool broken_tool broke");
        assertThat(text(t, "error.type")).isEqualTo("java.lang.IllegalStateException");
      } else {
        assertThat(tool.span().getStatus().getCode())
            .isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
        assertThat(text(t, "gen_ai.tool.call.result"))
            .isEqualTo("{\"status\":\"shipped\",\"thread\":\"true\"}");
      }
    }

    Received sub =
        children.stream()
            .filter(s -> s.span().getName().equals("invoke_agent billing-agent"))
            .findFirst()
            .get();
    assertThat(text(sub.attributes(), "gen_ai.request.model")).isEqualTo("gpt-4o-mini");
    assertThat(text(sub.attributes(), "gen_ai.agent.name")).isEqualTo("billing-agent");
    List<Received> inner =
        receiver.spans.stream().filter(s -> s.parentSpanId().equals(sub.spanId())).toList();
    assertThat(inner).extracting(s -> s.span().getName()).containsExactly("chat gpt-4o-mini");
    assertThat(inner.get(0).traceId()).isEqualTo(turn.traceId());
  }

  @Test
  void underUnavailableAndTooManyRequestsEverySpanArrivesOnce() {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      receiver.fault =
          n ->
              switch (n) {
                case 1, 3 -> new OtlpReceiver.Reply(503, Map.of());
                case 2 -> new OtlpReceiver.Reply(429, Map.of("Retry-After", "1"));
                default -> null;
              };
      remoteApp(receiver.url()).run().assertSuccess();

      assertEverySpanOnce(receiver, expectedSpans());
      assertThat(receiver.otlpRequests.get()).isGreaterThan(3);
    }
  }

  @Test
  void spansMadeWhileTheServerIsDownAreSpooledAndArriveOnceWhenItIsBack() {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      receiver.down();
      JvmRun first = remoteApp(receiver.url()).run().assertSuccess();
      assertThat(spoolFiles(first.localDir())).isNotEmpty();
      assertThat(receiver.arrivals()).isEmpty();

      receiver.up();
      // The next run replays the spool as it does for calls, then sends its own spans.
      remoteApp(receiver.url())
          .withSysProp("weave.local_dir", first.localDir().toString())
          .run()
          .assertSuccess();

      assertEverySpanOnce(receiver, 2 * expectedSpans());
      assertThat(spoolFiles(first.localDir())).isEmpty();
    }
  }
}
