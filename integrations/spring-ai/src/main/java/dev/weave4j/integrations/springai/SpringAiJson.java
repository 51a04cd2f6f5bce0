package dev.weave4j.integrations.springai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.vectorstore.SearchRequest;

/**
 * Spring AI's requests and responses as JSON-friendly maps in the shape of OpenAI's chat API
 * ({@code messages}, {@code choices}, {@code usage}), which Weave's UI shows as a conversation,
 * whatever the provider: never a dump of Spring's objects. Embeddings are shown as their dimension
 * and first values.
 */
final class SpringAiJson {

  /** How many values of an embedding vector are recorded. */
  static final int EMBEDDING_HEAD = 8;

  private SpringAiJson() {}

  /** A prompt's messages and options. */
  static Map<String, Object> prompt(Prompt prompt) {
    Map<String, Object> in = new LinkedHashMap<>();
    if (prompt == null) {
      return in;
    }
    List<Object> messages = new ArrayList<>();
    for (Message m : prompt.getInstructions()) {
      addMessage(messages, m);
    }
    in.put("messages", messages);
    ChatOptions options = prompt.getOptions();
    if (options != null) {
      options(in, options);
    }
    return in;
  }

  /** The model a prompt asks for, or null. */
  static String model(Prompt prompt) {
    ChatOptions options = prompt == null ? null : prompt.getOptions();
    return options == null ? null : options.getModel();
  }

  private static void addMessage(List<Object> messages, Message m) {
    String role = m.getMessageType() == null ? "unknown" : m.getMessageType().getValue();
    if (m instanceof ToolResponseMessage tool) {
      for (ToolResponseMessage.ToolResponse r : tool.getResponses()) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("role", role);
        out.put("tool_call_id", r.id());
        out.put("name", r.name());
        out.put("content", r.responseData());
        messages.add(out);
      }
      return;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("role", role);
    out.put("content", m.getText());
    if (m instanceof AssistantMessage a && a.hasToolCalls()) {
      out.put("tool_calls", toolCalls(a.getToolCalls()));
    }
    messages.add(out);
  }

  private static List<Object> toolCalls(List<AssistantMessage.ToolCall> calls) {
    List<Object> out = new ArrayList<>(calls.size());
    for (AssistantMessage.ToolCall c : calls) {
      Map<String, Object> function = new LinkedHashMap<>();
      function.put("name", c.name());
      function.put("arguments", c.arguments());
      Map<String, Object> call = new LinkedHashMap<>();
      call.put("id", c.id());
      call.put("type", c.type());
      call.put("function", function);
      out.add(call);
    }
    return out;
  }

  private static void options(Map<String, Object> in, ChatOptions o) {
    putIfSet(in, "model", o.getModel());
    putIfSet(in, "temperature", o.getTemperature());
    putIfSet(in, "max_tokens", o.getMaxTokens());
    putIfSet(in, "top_p", o.getTopP());
    putIfSet(in, "top_k", o.getTopK());
    putIfSet(in, "frequency_penalty", o.getFrequencyPenalty());
    putIfSet(in, "presence_penalty", o.getPresencePenalty());
    putIfSet(in, "stop", o.getStopSequences());
    if (o instanceof ToolCallingChatOptions t) {
      List<ToolCallback> callbacks = t.getToolCallbacks();
      if (callbacks != null && !callbacks.isEmpty()) {
        List<Object> tools = new ArrayList<>(callbacks.size());
        for (ToolCallback c : callbacks) {
          tools.add(tool(c.getToolDefinition()));
        }
        in.put("tools", tools);
      }
    }
  }

  private static Map<String, Object> tool(ToolDefinition d) {
    Map<String, Object> function = new LinkedHashMap<>();
    function.put("name", d.name());
    putIfSet(function, "description", d.description());
    putIfSet(function, "parameters", d.inputSchema());
    Map<String, Object> tool = new LinkedHashMap<>();
    tool.put("type", "function");
    tool.put("function", function);
    return tool;
  }

  /** A chat response: its id, model, one choice per generation and its usage. */
  static Map<String, Object> response(ChatResponse response) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (response == null) {
      return out;
    }
    ChatResponseMetadata metadata = response.getMetadata();
    if (metadata != null) {
      putIfSet(out, "id", emptyToNull(metadata.getId()));
      putIfSet(out, "model", emptyToNull(metadata.getModel()));
    }
    List<Object> choices = new ArrayList<>();
    List<Generation> generations = response.getResults();
    for (int i = 0; i < generations.size(); i++) {
      Generation g = generations.get(i);
      AssistantMessage m = g.getOutput();
      Map<String, Object> message = new LinkedHashMap<>();
      message.put("role", "assistant");
      message.put("content", m == null ? null : m.getText());
      if (m != null && m.hasToolCalls()) {
        message.put("tool_calls", toolCalls(m.getToolCalls()));
      }
      Map<String, Object> choice = new LinkedHashMap<>();
      choice.put("index", i);
      choice.put("message", message);
      choice.put(
          "finish_reason", g.getMetadata() == null ? null : g.getMetadata().getFinishReason());
      choices.add(choice);
    }
    out.put("choices", choices);
    Map<String, Object> usage = metadata == null ? null : usage(metadata.getUsage());
    if (usage != null) {
      out.put("usage", usage);
    }
    return out;
  }

  /** The model a response names, or null. */
  static String model(ChatResponse response) {
    ChatResponseMetadata metadata = response == null ? null : response.getMetadata();
    return metadata == null ? null : emptyToNull(metadata.getModel());
  }

  /**
   * Token counts as Weave names them, or null when there are none (Spring's {@code EmptyUsage} of a
   * chunk without usage counts nothing).
   */
  static Map<String, Object> usage(Usage usage) {
    if (usage == null) {
      return null;
    }
    Integer prompt = usage.getPromptTokens();
    Integer completion = usage.getCompletionTokens();
    Integer total = usage.getTotalTokens();
    if (isZero(prompt) && isZero(completion) && isZero(total)) {
      return null;
    }
    Map<String, Object> counts = new LinkedHashMap<>();
    putIfSet(counts, "prompt_tokens", prompt);
    putIfSet(counts, "completion_tokens", completion);
    putIfSet(counts, "total_tokens", total);
    return counts;
  }

  private static boolean isZero(Integer n) {
    return n == null || n == 0;
  }

  /** An embedding request: its texts and options. */
  static Map<String, Object> embeddingRequest(EmbeddingRequest request) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("input", request.getInstructions());
    EmbeddingOptions o = request.getOptions();
    if (o != null) {
      putIfSet(in, "model", o.getModel());
      putIfSet(in, "dimensions", o.getDimensions());
    }
    return in;
  }

  /** An embedding response: per vector its index, dimension and first values; model, usage. */
  static Map<String, Object> embeddingResponse(EmbeddingResponse response) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (response.getMetadata() != null) {
      putIfSet(out, "model", emptyToNull(response.getMetadata().getModel()));
    }
    List<Object> data = new ArrayList<>();
    for (Embedding e : response.getResults()) {
      float[] v = e.getOutput();
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("index", e.getIndex());
      item.put("dimensions", v == null ? 0 : v.length);
      item.put("embedding_head", head(v));
      data.add(item);
    }
    out.put("data", data);
    Map<String, Object> usage =
        response.getMetadata() == null ? null : usage(response.getMetadata().getUsage());
    if (usage != null) {
      out.put("usage", usage);
    }
    return out;
  }

  private static List<Float> head(float[] v) {
    if (v == null) {
      return List.of();
    }
    int n = Math.min(v.length, EMBEDDING_HEAD);
    List<Float> head = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      head.add(v[i]);
    }
    return head;
  }

  /** A vector store search: the query and its bounds. */
  static Map<String, Object> searchRequest(SearchRequest request) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("query", request.getQuery());
    in.put("top_k", request.getTopK());
    in.put("similarity_threshold", request.getSimilarityThreshold());
    if (request.hasFilterExpression()) {
      in.put("filter_expression", String.valueOf(request.getFilterExpression()));
    }
    return in;
  }

  /** The documents found: id, text, metadata and score (never their embeddings). */
  static List<Object> documents(List<?> documents) {
    List<Object> out = new ArrayList<>(documents.size());
    for (Object o : documents) {
      if (o instanceof Document d) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", d.getId());
        doc.put("text", d.getText());
        doc.put("metadata", d.getMetadata());
        putIfSet(doc, "score", d.getScore());
        out.add(doc);
      }
    }
    return out;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static void putIfSet(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
