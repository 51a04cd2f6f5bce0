package dev.weave4j;

import java.util.List;

/**
 * One user message and the agent's complete answer: an {@code invoke_agent <agent>} span, the root
 * of its own trace. LLM calls, tools and sub-agents started while it is current are its children.
 */
public interface Turn extends AgentSpan {

  /** Records the agent's answer as {@code gen_ai.output.messages} (one assistant message). */
  Turn output(String text);

  /** Records {@code gen_ai.output.messages}. */
  Turn outputMessages(List<Message> messages);

  /** Replaces {@code gen_ai.input.messages} (by default the user message the turn started with). */
  Turn inputMessages(List<Message> messages);

  /** Sets an attribute on the span (string, number, boolean or list of strings). */
  Turn attribute(String key, Object value);
}
