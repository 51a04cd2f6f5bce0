package dev.weave4j;

import java.util.List;

/**
 * A nested agent invocation: an {@code invoke_agent <name>} span in the trace of the current turn,
 * a child of the open LLM span if any, else of the turn (or enclosing sub-agent).
 */
public interface SubAgent extends AgentSpan {

  /** Records {@code gen_ai.output.messages} (one assistant message). */
  SubAgent output(String text);

  /** Records {@code gen_ai.input.messages}. */
  SubAgent inputMessages(List<Message> messages);

  /** Records {@code gen_ai.output.messages}. */
  SubAgent outputMessages(List<Message> messages);

  /** Sets an attribute on the span (string, number, boolean or list of strings). */
  SubAgent attribute(String key, Object value);
}
