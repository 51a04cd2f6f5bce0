package dev.weave4j.internal.agents;

import dev.weave4j.ConversationOptions;
import dev.weave4j.LogResult;
import dev.weave4j.LoggedLlm;
import dev.weave4j.LoggedTool;
import dev.weave4j.LoggedTurn;
import dev.weave4j.Message;
import dev.weave4j.internal.WeaveRuntime;
import dev.weave4j.internal.trace.Contexts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Internal, unstable. {@code Weave.logTurn}/{@code logConversation}: finished exchanges recorded
 * after the fact with their own timestamps, as the same spans the live API makes (nothing becomes
 * current).
 */
public final class TurnLogger {

  private TurnLogger() {}

  /** Records {@code turns} of the conversation {@code options} describes. */
  public static LogResult log(ConversationOptions options, List<LoggedTurn> turns) {
    String id = options.conversationId();
    if (id == null || id.isBlank()) {
      id = UUID.randomUUID().toString();
    }
    WeaveRuntime runtime = WeaveRuntime.active();
    if (runtime == null || Contexts.current().tracingOff()) {
      return new LogResult(id, List.of(), List.of(), 0);
    }
    AgentTracer tracer = runtime.agents();
    ConversationImpl conversation = new ConversationImpl(tracer, options, id);
    List<String> traces = new ArrayList<>(turns.size());
    List<String> roots = new ArrayList<>(turns.size());
    int spans = 0;
    for (LoggedTurn t : turns) {
      InvokeAgentSpan turn =
          new InvokeAgentSpan(
              tracer,
              true,
              options.agentName(),
              options.model(),
              null,
              conversation,
              micros(t.startedAt()));
      if (t.userMessage() != null) {
        turn.inputMessages(List.of(Message.user(t.userMessage())));
      }
      if (t.output() != null) {
        turn.output(t.output());
      }
      for (LoggedLlm l : t.llms()) {
        spans += logLlm(tracer, turn, conversation, l);
      }
      turn.finish(null, micros(t.endedAt()));
      traces.add(turn.traceId);
      roots.add(turn.spanId);
      spans++;
    }
    conversation.end();
    return new LogResult(id, traces, roots, spans);
  }

  private static int logLlm(
      AgentTracer tracer, SpanHandle parent, ConversationImpl conversation, LoggedLlm l) {
    LlmSpan llm =
        new LlmSpan(
            tracer, l.model(), l.providerName(), parent, conversation, micros(l.startedAt()));
    llm.systemInstructions(l.systemInstructions().toArray(new String[0]));
    if (!l.inputMessages().isEmpty()) {
      llm.inputMessages(l.inputMessages());
    }
    if (!l.outputMessages().isEmpty()) {
      llm.outputMessages(l.outputMessages());
    }
    if (l.reasoning() != null) {
      llm.think(l.reasoning());
    }
    llm.usage(l.usage());
    if (!l.finishReasons().isEmpty()) {
      llm.finishReasons(l.finishReasons());
    }
    int spans = 1;
    for (LoggedTool t : l.tools()) {
      ToolSpan tool =
          new ToolSpan(
              tracer,
              t.name(),
              t.arguments(),
              t.toolCallId(),
              llm,
              conversation,
              micros(t.startedAt()));
      tool.result(t.result());
      tool.finish(t.error(), micros(t.endedAt()));
      spans++;
    }
    llm.finish(null, micros(l.endedAt()));
    return spans;
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }
}
