package dev.weave4j.internal.agents;

import dev.weave4j.Message;
import dev.weave4j.SubAgent;
import dev.weave4j.Turn;
import java.util.List;
import java.util.Map;

/**
 * Internal, unstable. An {@code invoke_agent} span: a turn (the root of its trace, unless the
 * conversation continues the parent trace) or a sub-agent (nested in the turn's trace).
 */
final class InvokeAgentSpan extends SpanHandle implements Turn, SubAgent {

  private final boolean isTurn;
  private List<Message> inputMessages;
  private List<Message> outputMessages;

  InvokeAgentSpan(
      AgentTracer tracer,
      boolean isTurn,
      String agentName,
      String model,
      SpanHandle parent,
      ConversationImpl conversation,
      long startMicros) {
    super(
        tracer,
        agentName == null || agentName.isEmpty() ? "invoke_agent" : "invoke_agent " + agentName,
        "invoke_agent",
        parent,
        conversation,
        isTurn || parent == null ? null : parent.turnSpanId,
        startMicros);
    this.isTurn = isTurn;
    put("gen_ai.agent.name", agentName);
    if (conversation != null) {
      put("gen_ai.conversation.id", conversation.id);
      put("gen_ai.conversation.name", conversation.options.conversationName());
    }
    put("gen_ai.request.model", model);
  }

  private void put(String key, Object value) {
    if (value != null) {
      attributes.put(key, value);
    }
  }

  @Override
  public InvokeAgentSpan output(String text) {
    return outputMessages(List.of(Message.assistant(text)));
  }

  @Override
  public synchronized InvokeAgentSpan outputMessages(List<Message> messages) {
    if (!isEnded() && messages != null) {
      outputMessages = List.copyOf(messages);
    }
    return this;
  }

  @Override
  public synchronized InvokeAgentSpan inputMessages(List<Message> messages) {
    if (!isEnded() && messages != null) {
      inputMessages = List.copyOf(messages);
    }
    return this;
  }

  @Override
  public InvokeAgentSpan attribute(String key, Object value) {
    set(key, value);
    return this;
  }

  @Override
  void onEnd() {
    if (isTurn && conversation != null) {
      conversation.turnEnded(this);
    }
  }

  @Override
  synchronized int contentChars() {
    return chars(inputMessages) + chars(outputMessages);
  }

  @Override
  void contentAttributes(Map<String, Object> into) {
    if (inputMessages != null && !inputMessages.isEmpty()) {
      into.put("gen_ai.input.messages", GenAiJson.messages(inputMessages, null));
    }
    if (outputMessages != null && !outputMessages.isEmpty()) {
      into.put("gen_ai.output.messages", GenAiJson.messages(outputMessages, null));
    }
  }

  @Override
  String inputJson(Map<String, Object> attributes) {
    Object in = attributes.get("gen_ai.input.messages");
    return in == null ? null : GenAiJson.object("messages", (String) in);
  }

  @Override
  String outputJson(Map<String, Object> attributes) {
    Object out = attributes.get("gen_ai.output.messages");
    return out == null ? null : GenAiJson.object("messages", (String) out);
  }
}
