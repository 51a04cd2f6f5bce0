package dev.weave4j.it.apps.agents;

import dev.weave4j.Conversation;
import dev.weave4j.ConversationOptions;
import dev.weave4j.Llm;
import dev.weave4j.Message;
import dev.weave4j.SubAgent;
import dev.weave4j.Tool;
import dev.weave4j.ToolCallPart;
import dev.weave4j.Turn;
import dev.weave4j.Usage;
import dev.weave4j.Weave;
import dev.weave4j.annotations.WeaveOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A support agent instrumented with the agent-tracing API: two turns of one conversation, each an
 * LLM call whose tool calls run in parallel on a plain thread pool (the agent carries the context
 * there), one tool failing, a sub-agent with its own LLM call, an {@code @WeaveOp} called inside a
 * turn; on JDK 21+ a second conversation whose tools run on virtual threads.
 */
public final class AgentApp {

  private AgentApp() {}

  public static void main(String[] args) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try (Conversation conv =
        Weave.startConversation(
            ConversationOptions.builder()
                .agentName("support-bot")
                .model("gpt-4o")
                .conversationId("c-42")
                .conversationName("refund")
                .attributes(Map.of("tier", "gold"))
                .build())) {
      turn(conv, "Where is my order?", pool, 1);
      turn(conv, "And my refund?", pool, 2);
    }
    pool.shutdown();
    if (Runtime.version().feature() >= 21) {
      ExecutorService virtual =
          (ExecutorService)
              Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
      try (Conversation conv =
          Weave.startConversation(
              ConversationOptions.builder().agentName("vt-bot").conversationId("c-vt").build())) {
        turn(conv, "Virtual?", virtual, 3);
      }
      virtual.shutdown();
    }
    System.out.println("agent done");
  }

  private static void turn(Conversation conv, String question, ExecutorService pool, int n)
      throws Exception {
    try (Turn turn = conv.startTurn(question)) {
      try (Llm llm = Weave.startLlm("gpt-4o", "openai")) {
        llm.systemInstructions("Be brief.");
        llm.inputMessages(List.of(Message.user(question)));
        llm.usage(Usage.builder().inputTokens(100 * n).outputTokens(10 * n).build());
        llm.finishReasons(List.of("tool_calls"));
        List<Future<?>> calls = new ArrayList<>();
        for (String name : List.of("lookup_order", "lookup_invoice", "broken_tool")) {
          calls.add(pool.submit(() -> runTool(name, n)));
        }
        for (Future<?> f : calls) {
          f.get();
        }
        llm.outputMessages(
            List.of(
                Message.assistant(
                    null, List.of(new ToolCallPart("call_" + n, "lookup_order", "{\"id\":7}")))));
      }
      try (SubAgent sub = Weave.startSubagent("billing-agent", "gpt-4o-mini");
          Llm inner = Weave.startLlm("gpt-4o-mini", "openai")) {
        inner.usage(Usage.of(5, 5));
        inner.output("refund approved");
        sub.output("refund approved");
      }
      turn.output(summarize(question));
    }
  }

  private static void runTool(String name, int n) {
    Tool tool = Weave.startTool(name, "{\"id\":" + n + "}", name + "_" + n);
    try {
      if (name.equals("broken_tool")) {
        throw new IllegalStateException("tool " + name + " broke");
      }
      tool.result(
          "{\"status\":\"shipped\",\"thread\":\"" + Weave.currentTool().isPresent() + "\"}");
      tool.end();
    } catch (IllegalStateException e) {
      tool.fail(e);
    }
  }

  @WeaveOp
  static String summarize(String question) {
    return "Answered: " + question;
  }
}
