package dev.weave4j.internal.agents;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.Conversation;
import dev.weave4j.ConversationOptions;
import dev.weave4j.Llm;
import dev.weave4j.LogResult;
import dev.weave4j.LoggedLlm;
import dev.weave4j.LoggedTool;
import dev.weave4j.LoggedTurn;
import dev.weave4j.Message;
import dev.weave4j.SubAgent;
import dev.weave4j.Tool;
import dev.weave4j.ToolCallPart;
import dev.weave4j.Turn;
import dev.weave4j.Usage;
import dev.weave4j.Weave;
import dev.weave4j.WeaveSettings;
import dev.weave4j.internal.WeaveRuntime;
import dev.weave4j.internal.cli.WeaveCli;
import dev.weave4j.internal.store.LocalStoreReader;
import dev.weave4j.internal.util.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent-tracing API recorded into the local store, each span as a call. */
class AgentTracingTest {

  @TempDir Path localDir;

  @BeforeEach
  void noRuntimeYet() {
    assertThat(WeaveRuntime.active()).as("another test left the runtime installed").isNull();
  }

  @AfterEach
  void finish() {
    Weave.finish();
  }

  private void init() {
    Weave.init(WeaveSettings.builder().project("agents").localDir(localDir).build());
  }

  private Map<String, ObjectNode> storedByName() {
    Weave.flush();
    try (LocalStoreReader reader = LocalStoreReader.open(localDir.resolve("local/agents"))) {
      return reader
          .calls()
          .collect(Collectors.toMap(c -> c.path("op_name").asText(), c -> c, (a, b) -> a));
    }
  }

  private static JsonNode json(JsonNode text) throws Exception {
    return JsonMapper.get().readTree(text.asText());
  }

  @Test
  void beforeInitEverythingIsANoOpConstant() {
    Conversation conv = Weave.startConversation(ConversationOptions.of("bot"));
    Turn turn = conv.startTurn("hi");
    assertThat(Weave.startTurn("hi")).isSameAs(turn);
    assertThat(Weave.startLlm("m", "p")).isSameAs(Weave.startLlm("m", "p"));
    assertThat(Weave.startTool("t", "{}", "1")).isSameAs(Weave.startTool("t", "{}", "1"));
    assertThat(Weave.currentTurn()).isEmpty();
    assertThat(Weave.currentConversation()).isEmpty();
    turn.output("x").end();
    conv.close();
    init();
  }

  @Test
  void theIssueExampleIsRecordedAsSpansWithGenAiAttributes() throws Exception {
    init();
    try (Conversation conv =
        Weave.startConversation(
            ConversationOptions.builder()
                .agentName("support-bot")
                .model("gpt-4o")
                .conversationId("c-42")
                .conversationName("refund")
                .includeContent(true)
                .attributes(Map.of("tier", "gold"))
                .build())) {
      assertThat(Weave.currentConversation()).containsSame(conv);
      try (Turn turn = conv.startTurn("Where is my order?")) {
        assertThat(Weave.currentTurn()).containsSame(turn);
        try (Llm llm = Weave.startLlm("gpt-4o", "openai")) {
          llm.systemInstructions("Be brief.");
          llm.inputMessages(List.of(Message.user("Where is my order?")));
          llm.usage(Usage.builder().inputTokens(120).outputTokens(30).build());
          llm.finishReasons(List.of("tool_calls"));
          llm.think("Look it up.");
          try (Tool tool = Weave.startTool("lookup_order", "{\"id\":7}", "call_1")) {
            assertThat(Weave.currentTool()).containsSame(tool);
            tool.result("{\"status\":\"shipped\"}");
          }
          llm.outputMessages(
              List.of(
                  Message.assistant(
                      "It has shipped.",
                      List.of(new ToolCallPart("call_1", "lookup_order", "{\"id\":7}")))));
        }
        try (SubAgent sub = Weave.startSubagent("billing-agent", "gpt-4o-mini")) {
          try (Llm inner = Weave.startLlm("gpt-4o-mini", "openai")) {
            inner.usage(Usage.of(10, 5));
          }
        }
        turn.output("It has shipped.");
      }
    }
    assertThat(Weave.currentConversation()).isEmpty();

    Map<String, ObjectNode> calls = storedByName();
    ObjectNode turn = calls.get("invoke_agent support-bot");
    ObjectNode chat = calls.get("chat gpt-4o");
    ObjectNode tool = calls.get("execute_tool lookup_order");
    ObjectNode sub = calls.get("invoke_agent billing-agent");
    ObjectNode inner = calls.get("chat gpt-4o-mini");
    assertThat(turn.get("parent_id").isNull()).isTrue();
    assertThat(chat.path("parent_id").asText()).isEqualTo(turn.path("id").asText());
    assertThat(tool.path("parent_id").asText()).isEqualTo(chat.path("id").asText());
    assertThat(sub.path("parent_id").asText()).isEqualTo(turn.path("id").asText());
    assertThat(inner.path("parent_id").asText()).isEqualTo(sub.path("id").asText());
    assertThat(calls.values())
        .allSatisfy(c -> assertThat(c.path("trace_id")).isEqualTo(turn.path("trace_id")));
    // ids the trace server reads as UUIDs, so the calls can be synced or sent to a Weave server
    assertThat(calls.values())
        .allSatisfy(
            c -> {
              for (String field : List.of("id", "trace_id", "turn_id")) {
                assertThat(c.path(field).asText()).as(field).matches("[0-9a-f]{32}");
              }
            });
    assertThat(calls.values())
        .allSatisfy(
            c -> {
              assertThat(c.path("thread_id").asText()).isEqualTo("c-42");
              assertThat(c.path("turn_id").asText()).isEqualTo(turn.path("id").asText());
              assertThat(c.path("attributes").path("tier").asText()).isEqualTo("gold");
              assertThat(c.path("attributes").path("weave").path("source").asText())
                  .isEqualTo("java-sdk");
              assertThat(c.path("attributes").path("weave").has("os_release")).isTrue();
            });

    JsonNode ta = turn.path("attributes").path("gen_ai");
    assertThat(ta.path("operation").path("name").asText()).isEqualTo("invoke_agent");
    assertThat(ta.path("agent").path("name").asText()).isEqualTo("support-bot");
    assertThat(ta.path("conversation").path("id").asText()).isEqualTo("c-42");
    assertThat(ta.path("conversation").path("name").asText()).isEqualTo("refund");
    assertThat(ta.path("request").path("model").asText()).isEqualTo("gpt-4o");
    assertThat(json(ta.path("input").path("messages")))
        .isEqualTo(
            JsonMapper.get()
                .readTree(
                    "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\","
                        + "\"content\":\"Where is my order?\"}]}]"));
    assertThat(
            json(ta.path("output").path("messages"))
                .get(0)
                .path("parts")
                .get(0)
                .path("content")
                .asText())
        .isEqualTo("It has shipped.");
    assertThat(turn.path("summary").path("usage").path("gpt-4o").path("input_tokens").asLong())
        .isEqualTo(120);
    assertThat(turn.path("summary").path("usage").path("gpt-4o-mini").path("total_tokens").asLong())
        .isEqualTo(15);

    JsonNode ca = chat.path("attributes").path("gen_ai");
    assertThat(ca.path("operation").path("name").asText()).isEqualTo("chat");
    assertThat(ca.path("provider").path("name").asText()).isEqualTo("openai");
    assertThat(ca.path("usage").path("input_tokens").asLong()).isEqualTo(120);
    assertThat(ca.path("usage").path("output_tokens").asLong()).isEqualTo(30);
    assertThat(ca.path("response").path("finish_reasons").get(0).asText()).isEqualTo("tool_calls");
    assertThat(json(ca.path("system_instructions")).get(0).path("content").asText())
        .isEqualTo("Be brief.");
    JsonNode out = json(ca.path("output").path("messages")).get(0).path("parts");
    assertThat(out.get(0).path("type").asText()).isEqualTo("reasoning");
    assertThat(out.get(2).path("arguments").path("id").asInt()).isEqualTo(7);
    assertThat(chat.path("inputs").path("messages").get(0).path("role").asText()).isEqualTo("user");

    JsonNode tl = tool.path("attributes").path("gen_ai").path("tool");
    assertThat(tl.path("name").asText()).isEqualTo("lookup_order");
    assertThat(tl.path("call").path("id").asText()).isEqualTo("call_1");
    assertThat(tl.path("call").path("arguments").asText()).isEqualTo("{\"id\":7}");
    assertThat(tl.path("call").path("result").asText()).isEqualTo("{\"status\":\"shipped\"}");
    assertThat(tool.path("output").path("status").asText()).isEqualTo("shipped");
    assertThat(tool.path("inputs").path("arguments").path("id").asInt()).isEqualTo(7);
  }

  @Test
  void eachTurnIsANewTraceAndANewTurnEndsTheOpenOne() {
    init();
    try (Conversation conv = Weave.startConversation(ConversationOptions.of("bot"))) {
      Turn first = conv.startTurn("one");
      Turn second = Weave.startTurn("two");
      assertThat(Weave.currentTurn()).containsSame(second);
      assertThat(second.traceId()).isNotEqualTo(first.traceId());
      second.end();
      assertThat(Weave.currentTurn()).isEmpty();
      assertThat(conv.id()).hasSize(36);
    }
    Weave.flush();
    try (LocalStoreReader reader = LocalStoreReader.open(localDir.resolve("local/agents"))) {
      List<ObjectNode> turns = reader.calls().collect(Collectors.toList());
      assertThat(turns).hasSize(2);
      assertThat(turns).allSatisfy(t -> assertThat(t.path("ended_at").isTextual()).isTrue());
    }
  }

  @Test
  void toolsOnAPoolThreadAreChildrenOfTheLlmSpanAndFailuresAreErrors() throws Exception {
    init();
    ExecutorService pool = Weave.contextAware(Executors.newFixedThreadPool(2));
    try (Conversation conv = Weave.startConversation(ConversationOptions.of("bot"));
        Turn turn = conv.startTurn("go");
        Llm llm = Weave.startLlm("m", "p")) {
      Future<?> ok =
          pool.submit(
              () -> {
                try (Tool t = Weave.startTool("ok", "{}", "1")) {
                  t.result("done");
                }
              });
      Future<?> bad =
          pool.submit(
              () -> {
                Tool t = Weave.startTool("bad", "{}", "2");
                try {
                  throw new IllegalStateException("tool broke");
                } catch (IllegalStateException e) {
                  t.fail(e);
                }
              });
      ok.get();
      bad.get();
    } finally {
      pool.shutdown();
    }
    Map<String, ObjectNode> calls = storedByName();
    String chatId = calls.get("chat m").path("id").asText();
    assertThat(calls.get("execute_tool ok").path("parent_id").asText()).isEqualTo(chatId);
    assertThat(calls.get("execute_tool bad").path("parent_id").asText()).isEqualTo(chatId);
    assertThat(calls.get("execute_tool bad").path("exception").asText()).contains("tool broke");
    assertThat(calls.get("execute_tool bad").path("summary").path("weave").path("status").asText())
        .isEqualTo("error");
    assertThat(calls.get("execute_tool ok").path("output").asText()).isEqualTo("done");
  }

  @Test
  void withoutContentNoMessagesArgumentsOrResultsAreKeptAndAttributesDoNotLeak() {
    init();
    try (Conversation secret =
            Weave.startConversation(
                ConversationOptions.builder()
                    .agentName("quiet")
                    .includeContent(false)
                    .attributes(Map.of("only.here", 1))
                    .build());
        Turn turn = secret.startTurn("private question")) {
      try (Llm llm = Weave.startLlm("m", "p")) {
        llm.inputMessages(List.of(Message.user("private"))).think("hmm").output("private answer");
        llm.usage(Usage.of(3, 4));
      }
      Weave.startTool("t", "{\"secret\":1}", "c").result("secret").end();
      turn.output("private answer");
    }
    try (Conversation other = Weave.startConversation(ConversationOptions.of("other"));
        Turn t = other.startTurn("hello")) {
      t.output("hi");
    }
    Map<String, ObjectNode> calls = storedByName();
    for (String name : List.of("invoke_agent quiet", "chat m", "execute_tool t")) {
      ObjectNode c = calls.get(name);
      assertThat(c.toString())
          .doesNotContain("private")
          .doesNotContain("secret")
          .doesNotContain("hmm");
      assertThat(c.path("attributes").path("only").path("here").asLong()).isEqualTo(1);
    }
    assertThat(
            calls
                .get("chat m")
                .path("attributes")
                .path("gen_ai")
                .path("usage")
                .path("output_tokens")
                .asLong())
        .isEqualTo(4);
    assertThat(calls.get("invoke_agent other").path("attributes").has("only")).isFalse();
  }

  @Test
  void inATracingDisabledScopeNothingIsRecorded() {
    init();
    try (var off = Weave.tracingDisabled();
        Conversation conv = Weave.startConversation(ConversationOptions.of("bot"));
        Turn turn = conv.startTurn("x")) {
      assertThat(turn.spanId()).isEmpty();
    }
    try (Turn t = Weave.startTurn("recorded")) {
      assertThat(t.spanId()).hasSize(16);
      assertThat(t.traceId()).hasSize(32);
    }
    assertThat(storedByName()).containsOnlyKeys("invoke_agent");
  }

  @Test
  void anSdkCallFillsTheOpenLlmSpanOrBecomesAChatSpanOfTheTurn() {
    init();
    assertThat(AgentTracing.sdkCall("m", "p")).isNull();
    try (Turn turn = Weave.startTurn("q")) {
      try (Llm llm = Weave.startLlm("app-model", "p")) {
        llm.usage(Usage.of(1, 1));
        SdkLlmCall call = AgentTracing.sdkCall("sdk-model", "openai");
        assertThat(call.owned()).isFalse();
        call.finish(
            "sdk-model-2024", Usage.of(99, 99), null, List.of(Message.assistant("a")), null);
        try (Tool tool = Weave.startTool("delegate", "{}", "c9")) {
          SdkLlmCall inTool = AgentTracing.sdkCall("tool-model", "openai");
          assertThat(inTool.owned()).isTrue();
          inTool.finish(null, Usage.of(2, 2), null, null, null);
        }
      }
      SdkLlmCall own = AgentTracing.sdkCall("sdk-model", "openai");
      assertThat(own.owned()).isTrue();
      own.finish("sdk-model-2024", Usage.of(5, 6), List.of(Message.user("q")), null, null);
    }
    Map<String, ObjectNode> calls = storedByName();
    JsonNode app = calls.get("chat app-model").path("attributes").path("gen_ai");
    assertThat(app.path("usage").path("input_tokens").asLong()).isEqualTo(1);
    assertThat(app.path("response").path("model").asText()).isEqualTo("sdk-model-2024");
    JsonNode sdk = calls.get("chat sdk-model").path("attributes").path("gen_ai");
    assertThat(sdk.path("usage").path("output_tokens").asLong()).isEqualTo(6);
    assertThat(calls.get("chat sdk-model").path("parent_id"))
        .isEqualTo(calls.get("invoke_agent").path("id"));
    assertThat(calls.get("chat tool-model").path("parent_id"))
        .isEqualTo(calls.get("execute_tool delegate").path("id"));
  }

  @Test
  void logTurnRecordsAFinishedExchangeWithItsOwnTimestamps() {
    init();
    Instant t0 = Instant.parse("2026-01-02T03:04:05.000001Z");
    LogResult result =
        Weave.logConversation(
            ConversationOptions.builder().agentName("bot").conversationId("c-7").build(),
            List.of(
                LoggedTurn.builder("hi", t0, t0.plusSeconds(3))
                    .output("hello")
                    .llm(
                        LoggedLlm.builder("m", "p", t0.plusMillis(10), t0.plusSeconds(2))
                            .usage(Usage.of(7, 8))
                            .tool(
                                LoggedTool.builder("t", "{}", t0.plusMillis(20), t0.plusSeconds(1))
                                    .toolCallId("c1")
                                    .result("ok")
                                    .build())
                            .build())
                    .build(),
                LoggedTurn.builder("again", t0.plusSeconds(10), t0.plusSeconds(11)).build()));
    assertThat(result.conversationId()).isEqualTo("c-7");
    assertThat(result.spanCount()).isEqualTo(4);
    assertThat(result.traceIds()).hasSize(2).doesNotHaveDuplicates();
    Weave.flush();
    try (LocalStoreReader reader = LocalStoreReader.open(localDir.resolve("local/agents"))) {
      ObjectNode first =
          reader
              .call(
                  SpanCalls.callId(result.traceIds().get(0), result.rootSpanIds().get(0))
                      .toString())
              .orElseThrow();
      assertThat(first.path("started_at").asText()).isEqualTo("2026-01-02T03:04:05.000001Z");
      assertThat(first.path("ended_at").asText()).isEqualTo("2026-01-02T03:04:08.000001Z");
      assertThat(first.path("summary").path("usage").path("m").path("total_tokens").asLong())
          .isEqualTo(15);
      assertThat(reader.trace(result.traceIds().get(0))).hasSize(3);
    }
    assertThat(Weave.currentConversation()).isEmpty();
  }

  private String cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(
        new String[] {"--dir", localDir.toString(), "--project", "agents"}, 0, all, args.length, 4);
    int code =
        WeaveCli.run(all, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
    assertThat(code).as(err.toString(UTF_8)).isZero();
    return out.toString(UTF_8);
  }

  @Test
  void theConversationsCommandListsConversationsAndShowsTurnsAsTrees() throws Exception {
    init();
    try (Conversation conv =
        Weave.startConversation(
            ConversationOptions.builder()
                .agentName("support-bot")
                .conversationId("c-42")
                .build())) {
      for (String q : List.of("Where is my order?", "And the invoice?")) {
        try (Turn turn = conv.startTurn(q);
            Llm llm = Weave.startLlm("gpt-4o", "openai")) {
          llm.usage(Usage.of(100, 20));
          Weave.startTool("lookup_order", "{}", "c1").result("ok").end();
          turn.output("done");
        }
      }
    }
    try (Turn alone = Weave.startTurn("no conversation")) {
      alone.output("x");
    }
    Weave.flush();

    String table = cli("conversations");
    assertThat(table).contains("support-bot").contains("c-42").contains("240");
    assertThat(table.lines()).hasSize(2);
    JsonNode list = JsonMapper.get().readTree(cli("conversations", "--json"));
    assertThat(list).hasSize(1);
    assertThat(list.get(0).path("turns").asInt()).isEqualTo(2);
    assertThat(list.get(0).path("total_tokens").asLong()).isEqualTo(240);
    assertThat(list.get(0).path("agent_name").asText()).isEqualTo("support-bot");

    String shown = cli("conversations", "c-42");
    assertThat(shown)
        .contains("Turn 1")
        .contains("Where is my order?")
        .contains("Turn 2")
        .contains("And the invoice?")
        .contains("execute_tool lookup_order")
        .contains("chat gpt-4o");
    JsonNode detail = JsonMapper.get().readTree(cli("conversations", "c-42", "--json"));
    assertThat(detail.path("turns")).hasSize(2);
    assertThat(detail.path("turns").get(0).toString()).contains("execute_tool lookup_order");
  }

  @Test
  void aConversationThatContinuesTheParentTraceNestsItsTurnsInTheOpenSpan() {
    init();
    try (Turn outer = Weave.startTurn("outer");
        Tool tool = Weave.startTool("ask_expert", "{}", "c1");
        Conversation inner =
            Weave.startConversation(
                ConversationOptions.builder()
                    .agentName("expert")
                    .continueParentTrace(true)
                    .build());
        Turn nested = inner.startTurn("question");
        Llm llm = Weave.startLlm("m", "p")) {
      llm.temperature(0.2).maxTokens(100).topP(0.9).seed(7).stopSequences(List.of("END"));
      llm.frequencyPenalty(0.1)
          .presencePenalty(0.3)
          .choiceCount(1)
          .responseId("r-1")
          .outputType("text");
      assertThat(nested.traceId()).isEqualTo(outer.traceId());
      assertThat(Weave.currentTurn()).containsSame(nested);
    }
    Map<String, ObjectNode> calls = storedByName();
    assertThat(calls.get("invoke_agent expert").path("parent_id"))
        .isEqualTo(calls.get("execute_tool ask_expert").path("id"));
    JsonNode request = calls.get("chat m").path("attributes").path("gen_ai").path("request");
    assertThat(request.path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(request.path("max_tokens").asLong()).isEqualTo(100);
    assertThat(request.path("seed").asLong()).isEqualTo(7);
    assertThat(request.path("stop_sequences").get(0).asText()).isEqualTo("END");
    assertThat(request.path("choice").path("count").asLong()).isEqualTo(1);
    assertThat(
            calls
                .get("chat m")
                .path("attributes")
                .path("gen_ai")
                .path("response")
                .path("id")
                .asText())
        .isEqualTo("r-1");
  }
}
