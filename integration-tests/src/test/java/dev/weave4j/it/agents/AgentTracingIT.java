package dev.weave4j.it.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.it.apps.agents.AgentApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.ItEnv;
import dev.weave4j.it.harness.Json;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.TraceStore;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An agent instrumented with the agent-tracing API, run under the packaged agent in local mode: its
 * spans are calls of the local store, read back as users do, through the command line.
 */
class AgentTracingIT {

  private static JvmRun run;
  private static TraceStore store;

  @BeforeAll
  static void runApp() {
    run = AgentJvm.app(AgentApp.class).run().assertSuccess();
    store = run.store();
  }

  private static List<CallNode> turns(String agent) {
    return store.roots().stream()
        .filter(c -> c.opName().equals("invoke_agent " + agent))
        .collect(Collectors.toList());
  }

  private static JsonNode genAi(CallNode c) {
    return c.attributes().path("gen_ai");
  }

  @Test
  void eachTurnIsOneTraceOfChatToolAndSubAgentSpansWithGenAiAttributes() {
    List<CallNode> turns = turns("support-bot");
    assertThat(turns).hasSize(2);
    assertThat(turns.get(0).traceId()).isNotEqualTo(turns.get(1).traceId());
    for (CallNode turn : turns) {
      assertThat(genAi(turn).path("operation").path("name").asText()).isEqualTo("invoke_agent");
      assertThat(genAi(turn).path("conversation").path("id").asText()).isEqualTo("c-42");
      assertThat(genAi(turn).path("conversation").path("name").asText()).isEqualTo("refund");
      assertThat(genAi(turn).path("request").path("model").asText()).isEqualTo("gpt-4o");
      assertThat(turn.attributes().path("tier").asText()).isEqualTo("gold");
      JsonNode start =
          store.starts().stream()
              .filter(st -> st.path("id").asText().equals(turn.id()))
              .findFirst()
              .orElseThrow();
      assertThat(start.path("thread_id").asText()).isEqualTo("c-42");
      assertThat(start.path("turn_id").asText()).isEqualTo(turn.id());

      CallNode chat = turn.child("chat gpt-4o");
      assertThat(genAi(chat).path("provider").path("name").asText()).isEqualTo("openai");
      assertThat(genAi(chat).path("usage").path("input_tokens").asLong()).isPositive();
      // The tools ran on pool threads: still children of the chat span that was open.
      assertThat(chat.children().stream().map(CallNode::opName))
          .containsExactlyInAnyOrder(
              "execute_tool lookup_order",
              "execute_tool lookup_invoice",
              "execute_tool broken_tool");
      CallNode broken = chat.child("execute_tool broken_tool");
      assertThat(broken.status()).isEqualTo("error");
      assertThat(broken.exceptionText()).contains("tool broken_tool broke");
      CallNode order = chat.child("execute_tool lookup_order");
      assertThat(genAi(order).path("tool").path("call").path("result").asText())
          .isEqualTo("{\"status\":\"shipped\",\"thread\":\"true\"}");

      CallNode sub = turn.child("invoke_agent billing-agent");
      assertThat(genAi(sub).path("request").path("model").asText()).isEqualTo("gpt-4o-mini");
      assertThat(sub.child("chat gpt-4o-mini").traceId()).isEqualTo(turn.traceId());
      assertThat(turn.subtree()).allMatch(c -> c.traceId().equals(turn.traceId()));
      assertThat(turn.subtree())
          .allMatch(c -> c.attributes().path("weave").path("source").asText().equals("java-sdk"));
    }
    // An op called inside a turn is recorded as it is today: a root call of its own.
    assertThat(store.calls("AgentApp.summarize")).hasSize(ItEnv.javaFeatureVersion() >= 21 ? 3 : 2);
  }

  @Test
  void theConversationsCommandListsAndShowsTheConversation() {
    JsonNode list = Json.parse(run.cli().run("conversations", "--json").stdout());
    JsonNode main = null;
    for (JsonNode c : list) {
      if (c.path("conversation_id").asText().equals("c-42")) {
        main = c;
      }
    }
    assertThat(main).as("conversation c-42 in %s", list).isNotNull();
    assertThat(main.path("agent_name").asText()).isEqualTo("support-bot");
    assertThat(main.path("turns").asInt()).isEqualTo(2);
    // (100 + 10) + (200 + 20) from the two chat spans, 2 × 10 from the sub-agents' chats.
    assertThat(main.path("total_tokens").asLong()).isEqualTo(350);
    assertThat(list).hasSize(ItEnv.javaFeatureVersion() >= 21 ? 2 : 1);

    String table = run.cli().run("conversations").stdout();
    assertThat(table).contains("support-bot").contains("c-42").contains("350");

    String shown = run.cli().run("conversations", "c-42").stdout();
    assertThat(shown)
        .contains("Turn 1")
        .contains("Where is my order?")
        .contains("Turn 2")
        .contains("And my refund?")
        .contains("execute_tool broken_tool")
        .contains("invoke_agent billing-agent");

    String id = turns("support-bot").get(0).id();
    assertThat(run.cli().show(id).opName()).isEqualTo("invoke_agent support-bot");
    assertThat(run.cli().tree(id).subtree()).hasSize(7);
  }

  @Test
  void onVirtualThreadsTheToolsAreChildrenOfTheChatSpanToo() {
    if (ItEnv.javaFeatureVersion() < 21) {
      assertThat(turns("vt-bot")).isEmpty();
      return;
    }
    CallNode turn = turns("vt-bot").get(0);
    CallNode chat = turn.child("chat gpt-4o");
    assertThat(chat.children()).hasSize(3);
    assertThat(chat.child("execute_tool broken_tool").status()).isEqualTo("error");
  }
}
