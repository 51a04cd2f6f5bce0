package dev.weave4j.internal.agents;

import dev.weave4j.Conversation;
import dev.weave4j.ConversationOptions;
import dev.weave4j.Llm;
import dev.weave4j.Message;
import dev.weave4j.SubAgent;
import dev.weave4j.Tool;
import dev.weave4j.Turn;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import dev.weave4j.internal.WeaveRuntime;
import dev.weave4j.internal.trace.CallContext;
import dev.weave4j.internal.trace.Contexts;
import dev.weave4j.internal.util.Timestamps;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Internal, unstable. The agent-tracing API behind {@code Weave.start*} and {@code Weave.current*}:
 * starts spans under the innermost open one of the current context and makes them current; hands
 * out no-op constants when nothing is recorded.
 */
public final class AgentTracing {

  private static final String SHED =
      "agent spans started while the queue is full are not traced; raise weave.max_queue_bytes";

  private AgentTracing() {}

  /** The tracer to record with here, or null (not initialised, disabled, full queue). */
  private static AgentTracer tracer(CallContext context) {
    WeaveRuntime runtime = WeaveRuntime.active();
    if (runtime == null || context.tracingOff()) {
      return null;
    }
    AgentTracer tracer = runtime.agents();
    if (!tracer.exporter.hasRoom()) {
      Diagnostics.report(Problem.QUEUE_FULL, 1, SHED, null);
      return null;
    }
    return tracer;
  }

  /** {@code Weave.startConversation}. */
  public static Conversation startConversation(ConversationOptions options) {
    CallContext context = Contexts.current();
    AgentTracer tracer = tracer(context);
    if (tracer == null) {
      return NoopSpans.NoopConversation.INSTANCE;
    }
    String id = options.conversationId();
    if (id == null || id.isBlank()) {
      id = UUID.randomUUID().toString();
    }
    ConversationImpl conversation = new ConversationImpl(tracer, options, id);
    AgentFrame frame = context.agent();
    SpanHandle enclosing = frame == null ? null : frame.innermost;
    conversation.context =
        Contexts.openAgent(new AgentFrame(conversation, null, enclosing, null, null), conversation);
    return conversation;
  }

  /** {@code Weave.startTurn}: a turn of the current conversation, if any. */
  public static Turn startTurn(String userMessage) {
    AgentFrame frame = Contexts.current().agent();
    return startTurn(frame == null ? null : openConversation(frame), userMessage);
  }

  /** A turn of {@code conversation} (null: none). */
  static Turn startTurn(ConversationImpl conversation, String userMessage) {
    CallContext context = Contexts.current();
    AgentTracer tracer = tracer(context);
    if (tracer == null) {
      return NoopSpans.NoopTurn.INSTANCE;
    }
    AgentFrame frame = context.agent();
    SpanHandle parent = null;
    if (conversation != null && conversation.options.continueParentTrace() && frame != null) {
      parent = SpanHandle.open(frame.innermost);
    }
    InvokeAgentSpan turn =
        new InvokeAgentSpan(
            tracer,
            true,
            conversation == null ? null : conversation.options.agentName(),
            conversation == null ? null : conversation.options.model(),
            parent,
            conversation,
            Timestamps.nowMicros());
    if (userMessage != null) {
      turn.inputMessages(List.of(Message.user(userMessage)));
    }
    if (conversation != null) {
      conversation.turnStarted(turn);
    }
    turn.context = Contexts.openAgent(new AgentFrame(conversation, turn, turn, null, null), turn);
    return turn;
  }

  /** {@code Weave.startLlm}. */
  public static Llm startLlm(String model, String provider) {
    CallContext context = Contexts.current();
    AgentTracer tracer = tracer(context);
    if (tracer == null) {
      return NoopSpans.NoopLlm.INSTANCE;
    }
    return openLlm(tracer, context.agent(), model, provider);
  }

  private static LlmSpan openLlm(
      AgentTracer tracer, AgentFrame frame, String model, String provider) {
    SpanHandle parent = frame == null ? null : SpanHandle.open(frame.innermost);
    ConversationImpl conversation = conversationOf(parent, frame);
    LlmSpan llm =
        new LlmSpan(tracer, model, provider, parent, conversation, Timestamps.nowMicros());
    InvokeAgentSpan turn = frame == null ? null : frame.turn;
    llm.context =
        Contexts.openAgent(
            new AgentFrame(frame == null ? null : frame.conversation, turn, llm, llm, null), llm);
    return llm;
  }

  /** {@code Weave.startTool}. */
  public static Tool startTool(String name, String arguments, String toolCallId) {
    CallContext context = Contexts.current();
    AgentTracer tracer = tracer(context);
    if (tracer == null) {
      return NoopSpans.NoopTool.INSTANCE;
    }
    AgentFrame frame = context.agent();
    SpanHandle parent = frame == null ? null : SpanHandle.open(frame.innermost);
    ToolSpan tool =
        new ToolSpan(
            tracer,
            name,
            arguments,
            toolCallId,
            parent,
            conversationOf(parent, frame),
            Timestamps.nowMicros());
    tool.context =
        Contexts.openAgent(
            frame == null
                ? new AgentFrame(null, null, tool, null, tool)
                : new AgentFrame(frame.conversation, frame.turn, tool, frame.llm, tool),
            tool);
    return tool;
  }

  /** {@code Weave.startSubagent}. */
  public static SubAgent startSubagent(String name, String model) {
    CallContext context = Contexts.current();
    AgentTracer tracer = tracer(context);
    if (tracer == null) {
      return NoopSpans.NoopTurn.INSTANCE;
    }
    AgentFrame frame = context.agent();
    SpanHandle parent = frame == null ? null : SpanHandle.open(frame.innermost);
    InvokeAgentSpan sub =
        new InvokeAgentSpan(
            tracer,
            false,
            name,
            model,
            parent,
            conversationOf(parent, frame),
            Timestamps.nowMicros());
    sub.context =
        Contexts.openAgent(
            new AgentFrame(
                frame == null ? null : frame.conversation,
                frame == null ? null : frame.turn,
                sub,
                null,
                null),
            sub);
    return sub;
  }

  /**
   * For LLM-SDK integrations: the LLM span an SDK call made now belongs to. The {@code Llm} span
   * open innermost, which the call fills where the application left it unset; else, while an agent
   * span is open (a turn, a sub-agent, a tool), a new {@code chat} span under it that the
   * integration ends; else null (no agent tracing here: the integration records its call as it does
   * today).
   */
  public static SdkLlmCall sdkCall(String model, String provider) {
    CallContext context = Contexts.current();
    AgentFrame frame = context.agent();
    if (frame == null) {
      return null;
    }
    SpanHandle parent = SpanHandle.open(frame.innermost);
    if (parent instanceof LlmSpan open) {
      return new SdkLlmCall(open, false);
    }
    AgentTracer tracer = parent == null ? null : tracer(context);
    if (tracer == null) {
      return null;
    }
    return new SdkLlmCall(openLlm(tracer, frame, model, provider), true);
  }

  /** {@code Weave.currentConversation}. */
  public static Optional<Conversation> currentConversation() {
    AgentFrame frame = Contexts.current().agent();
    return Optional.ofNullable(frame == null ? null : openConversation(frame));
  }

  /** {@code Weave.currentTurn}. */
  public static Optional<Turn> currentTurn() {
    AgentFrame frame = Contexts.current().agent();
    return Optional.ofNullable(
        frame == null || frame.turn == null || frame.turn.isEnded() ? null : frame.turn);
  }

  /** {@code Weave.currentLlm}. */
  public static Optional<Llm> currentLlm() {
    AgentFrame frame = Contexts.current().agent();
    return Optional.ofNullable(
        frame == null || frame.llm == null || frame.llm.isEnded() ? null : frame.llm);
  }

  /** {@code Weave.currentTool}. */
  public static Optional<Tool> currentTool() {
    AgentFrame frame = Contexts.current().agent();
    return Optional.ofNullable(
        frame == null || frame.tool == null || frame.tool.isEnded() ? null : frame.tool);
  }

  private static ConversationImpl openConversation(AgentFrame frame) {
    ConversationImpl c = frame.conversation;
    return c == null || c.isEnded() ? null : c;
  }

  /** The conversation a new span belongs to: its parent's, else the current open one. */
  private static ConversationImpl conversationOf(SpanHandle parent, AgentFrame frame) {
    if (parent != null) {
      return parent.conversation;
    }
    return frame == null ? null : openConversation(frame);
  }
}
