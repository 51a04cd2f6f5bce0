package dev.weave4j.internal.agents;

import dev.weave4j.Tool;
import java.util.Map;

/** Internal, unstable. An {@code execute_tool <name>} span. */
final class ToolSpan extends SpanHandle implements Tool {

  private final String arguments;
  private String result;

  ToolSpan(
      AgentTracer tracer,
      String toolName,
      String arguments,
      String toolCallId,
      SpanHandle parent,
      ConversationImpl conversation,
      long startMicros) {
    super(
        tracer,
        toolName == null || toolName.isEmpty() ? "execute_tool" : "execute_tool " + toolName,
        "execute_tool",
        parent,
        conversation,
        parent == null ? null : parent.turnSpanId,
        startMicros);
    this.arguments = arguments;
    if (toolName != null) {
      attributes.put("gen_ai.tool.name", toolName);
    }
    if (conversation != null) {
      attributes.put("gen_ai.conversation.id", conversation.id);
    }
    if (toolCallId != null) {
      attributes.put("gen_ai.tool.call.id", toolCallId);
    }
  }

  @Override
  public synchronized ToolSpan result(String result) {
    if (!isEnded()) {
      this.result = result;
    }
    return this;
  }

  @Override
  public ToolSpan toolType(String type) {
    set("gen_ai.tool.type", type);
    return this;
  }

  @Override
  public ToolSpan description(String description) {
    set("gen_ai.tool.description", description);
    return this;
  }

  @Override
  public ToolSpan attribute(String key, Object value) {
    set(key, value);
    return this;
  }

  @Override
  synchronized int contentChars() {
    return (arguments == null ? 0 : arguments.length()) + (result == null ? 0 : result.length());
  }

  @Override
  void contentAttributes(Map<String, Object> into) {
    if (arguments != null) {
      into.put("gen_ai.tool.call.arguments", arguments);
    }
    if (result != null) {
      into.put("gen_ai.tool.call.result", result);
    }
  }

  @Override
  String inputJson(Map<String, Object> attributes) {
    return arguments == null ? null : GenAiJson.object("arguments", arguments);
  }

  @Override
  String outputJson(Map<String, Object> attributes) {
    return result == null ? null : GenAiJson.jsonOrString(result);
  }
}
