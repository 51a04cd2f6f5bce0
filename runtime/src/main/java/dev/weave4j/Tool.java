package dev.weave4j;

/**
 * One tool execution: an {@code execute_tool <name>} span, a child of the open LLM span, else of
 * the turn or sub-agent, also on another thread that the context was handed to.
 */
public interface Tool extends AgentSpan {

  /** Records the result as given ({@code gen_ai.tool.call.result}; JSON text is not re-encoded). */
  Tool result(String result);

  /** {@code gen_ai.tool.type}, e.g. {@code function}. */
  Tool toolType(String type);

  /** {@code gen_ai.tool.description}. */
  Tool description(String description);

  /** Sets an attribute on the span (string, number, boolean or list of strings). */
  Tool attribute(String key, Object value);
}
