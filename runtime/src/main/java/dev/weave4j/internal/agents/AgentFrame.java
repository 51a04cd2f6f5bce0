package dev.weave4j.internal.agents;

/**
 * Internal, unstable. The agent-tracing state carried in the call context (so it crosses threads
 * exactly as calls do): the current conversation, turn, LLM and tool, and the innermost open span,
 * which new spans are children of. Immutable; a span that ended elsewhere is skipped when read.
 */
public final class AgentFrame {

  final ConversationImpl conversation;
  final InvokeAgentSpan turn;
  final SpanHandle innermost;
  final LlmSpan llm;
  final ToolSpan tool;

  AgentFrame(
      ConversationImpl conversation,
      InvokeAgentSpan turn,
      SpanHandle innermost,
      LlmSpan llm,
      ToolSpan tool) {
    this.conversation = conversation;
    this.turn = turn;
    this.innermost = innermost;
    this.llm = llm;
    this.tool = tool;
  }
}
