package dev.weave4j.integrations.springai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.model.ChatResponse;

/**
 * The responses of a streamed chat, folded into one as Spring AI's {@code MessageAggregator} does
 * (which only works on a whole {@code Flux}): each choice's text and tool calls joined, the last
 * finish reason, id, model and usage kept. One per call, fed under the stream output's lock.
 */
final class ChatAggregate {

  private String id;
  private String model;
  private Map<String, Object> usage;
  private final List<Choice> choices = new ArrayList<>();

  private static final class Choice {
    final StringBuilder text = new StringBuilder();
    final List<Object> toolCalls = new ArrayList<>();
    Object finishReason;
  }

  /** Folds in one streamed response; true when it reported usage. */
  @SuppressWarnings("unchecked")
  boolean add(ChatResponse response) {
    Map<String, Object> r = SpringAiJson.response(response);
    id = r.get("id") instanceof String s ? s : id;
    model = r.get("model") instanceof String s ? s : model;
    List<Object> list = (List<Object>) r.get("choices");
    for (int i = 0; list != null && i < list.size(); i++) {
      while (choices.size() <= i) {
        choices.add(new Choice());
      }
      Choice c = choices.get(i);
      Map<String, Object> choice = (Map<String, Object>) list.get(i);
      Map<String, Object> message = (Map<String, Object>) choice.get("message");
      if (message.get("content") instanceof String text) {
        c.text.append(text);
      }
      if (message.get("tool_calls") instanceof List<?> calls) {
        c.toolCalls.addAll(calls);
      }
      Object finish = choice.get("finish_reason");
      if (finish != null && !"".equals(finish)) {
        c.finishReason = finish;
      }
    }
    if (r.get("usage") instanceof Map<?, ?> u) {
      usage = (Map<String, Object>) u;
      return true;
    }
    return false;
  }

  /** The response the stream adds up to, in {@link SpringAiJson#response}'s shape. */
  Map<String, Object> response() {
    Map<String, Object> out = new LinkedHashMap<>();
    if (id != null) {
      out.put("id", id);
    }
    if (model != null) {
      out.put("model", model);
    }
    List<Object> list = new ArrayList<>(choices.size());
    for (int i = 0; i < choices.size(); i++) {
      Choice c = choices.get(i);
      Map<String, Object> message = new LinkedHashMap<>();
      message.put("role", "assistant");
      message.put("content", c.text.toString());
      if (!c.toolCalls.isEmpty()) {
        message.put("tool_calls", c.toolCalls);
      }
      Map<String, Object> choice = new LinkedHashMap<>();
      choice.put("index", i);
      choice.put("message", message);
      choice.put("finish_reason", c.finishReason);
      list.add(choice);
    }
    out.put("choices", list);
    if (usage != null) {
      out.put("usage", usage);
    }
    return out;
  }
}
