package dev.weave4j.integrations.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * LangChain4j's request and response objects as JSON-friendly maps (what the Weave UI shows), never
 * the Java objects' fields: messages by role, parameters that are set, tools with their JSON
 * schema, embeddings as their dimension and first values.
 */
final class Lc4jJson {

  /** How many values of an embedding are recorded (with its dimension). */
  static final int EMBEDDING_HEAD = 5;

  /** How many embeddings of one response are recorded (with their count). */
  static final int MAX_EMBEDDINGS = 8;

  private Lc4jJson() {}

  /** {@code {"messages": [...], "parameters": {...}, "tools": [...]}}. */
  static Map<String, Object> request(ChatRequest request) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Object> messages = new ArrayList<>();
    for (ChatMessage message : request.messages()) {
      messages.add(message(message));
    }
    m.put("messages", messages);
    ChatRequestParameters p = request.parameters();
    if (p != null) {
      Map<String, Object> params = new LinkedHashMap<>();
      putIfSet(params, "model_name", p.modelName());
      putIfSet(params, "temperature", p.temperature());
      putIfSet(params, "top_p", p.topP());
      putIfSet(params, "top_k", p.topK());
      putIfSet(params, "frequency_penalty", p.frequencyPenalty());
      putIfSet(params, "presence_penalty", p.presencePenalty());
      putIfSet(params, "max_output_tokens", p.maxOutputTokens());
      if (p.stopSequences() != null && !p.stopSequences().isEmpty()) {
        params.put("stop_sequences", p.stopSequences());
      }
      putIfSet(params, "tool_choice", p.toolChoice() == null ? null : p.toolChoice().name());
      if (p.responseFormat() != null && p.responseFormat().type() != null) {
        params.put("response_format", p.responseFormat().type().name());
      }
      m.put("parameters", params);
      List<ToolSpecification> specs = p.toolSpecifications();
      if (specs != null && !specs.isEmpty()) {
        List<Object> tools = new ArrayList<>(specs.size());
        for (ToolSpecification spec : specs) {
          tools.add(tool(spec));
        }
        m.put("tools", tools);
      }
    }
    return m;
  }

  static Map<String, Object> tool(ToolSpecification spec) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("name", spec.name());
    putIfSet(t, "description", spec.description());
    if (spec.parameters() != null) {
      Object schema;
      try {
        schema = JsonSchemaElementUtils.toMap(spec.parameters());
      } catch (RuntimeException | LinkageError e) {
        schema = String.valueOf(spec.parameters());
      }
      t.put("parameters", schema);
    }
    return t;
  }

  /** A message as {@code {"role": ..., "content": ...}} and its tool calls or tool call id. */
  static Map<String, Object> message(ChatMessage message) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (message instanceof SystemMessage s) {
      m.put("role", "system");
      m.put("content", s.text());
    } else if (message instanceof UserMessage u) {
      m.put("role", "user");
      putIfSet(m, "name", u.name());
      m.put("content", contents(u.contents()));
    } else if (message instanceof AiMessage a) {
      m.put("role", "assistant");
      m.put("content", a.text());
      putIfSet(m, "thinking", a.thinking());
      if (a.hasToolExecutionRequests()) {
        List<Object> calls = new ArrayList<>();
        for (ToolExecutionRequest r : a.toolExecutionRequests()) {
          Map<String, Object> call = new LinkedHashMap<>();
          call.put("id", r.id());
          call.put("name", r.name());
          call.put("arguments", r.arguments());
          calls.add(call);
        }
        m.put("tool_execution_requests", calls);
      }
    } else if (message instanceof ToolExecutionResultMessage t) {
      m.put("role", "tool");
      m.put("tool_call_id", t.id());
      m.put("tool_name", t.toolName());
      m.put("content", t.text());
    } else if (message != null) {
      m.put(
          "role",
          message.type() == null ? "custom" : message.type().name().toLowerCase(Locale.ROOT));
      m.put("content", String.valueOf(message));
    }
    return m;
  }

  /** One text part as its text; other parts as {@code {"type": ..., ...}}. */
  private static Object contents(List<Content> contents) {
    if (contents.size() == 1 && contents.get(0) instanceof TextContent t) {
      return t.text();
    }
    List<Object> parts = new ArrayList<>(contents.size());
    for (Content c : contents) {
      if (c instanceof TextContent t) {
        parts.add(Map.of("type", "text", "text", t.text()));
      } else {
        // images, audio, video, PDFs: their type only, never their bytes
        parts.add(
            Map.of(
                "type", c.type() == null ? "unknown" : c.type().name().toLowerCase(Locale.ROOT)));
      }
    }
    return parts;
  }

  /**
   * {@code {"message": {...}, "id", "model", "finish_reason", "token_usage"}}: the AI message with
   * its tool execution requests, and the response's metadata.
   */
  static Map<String, Object> response(ChatResponse response) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("message", response.aiMessage() == null ? null : message(response.aiMessage()));
    ChatResponseMetadata meta = response.metadata();
    if (meta != null) {
      putIfSet(m, "id", meta.id());
      putIfSet(m, "model", meta.modelName());
      putIfSet(m, "finish_reason", meta.finishReason() == null ? null : meta.finishReason().name());
      Map<String, Object> usage = usage(meta.tokenUsage());
      if (usage != null) {
        m.put("token_usage", usage);
      }
    }
    return m;
  }

  /** Weave's usage counts of {@code usage} ({@code input_tokens}, ...), or null. */
  static Map<String, Object> usage(TokenUsage usage) {
    if (usage == null) {
      return null;
    }
    Map<String, Object> counts = new LinkedHashMap<>();
    putIfSet(counts, "input_tokens", usage.inputTokenCount());
    putIfSet(counts, "output_tokens", usage.outputTokenCount());
    putIfSet(counts, "total_tokens", usage.totalTokenCount());
    return counts.isEmpty() ? null : counts;
  }

  /** {@code {"dimension": n, "values": [first few...]}}: never the whole vector. */
  static Map<String, Object> embedding(Embedding embedding) {
    if (embedding == null) {
      return null;
    }
    float[] v = embedding.vector();
    List<Float> head = new ArrayList<>(Math.min(v.length, EMBEDDING_HEAD));
    for (int i = 0; i < v.length && i < EMBEDDING_HEAD; i++) {
      head.add(v[i]);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dimension", v.length);
    m.put("values", head);
    return m;
  }

  /** At most {@link #MAX_EMBEDDINGS} embeddings, bounded, and their count. */
  static Map<String, Object> embeddings(List<Embedding> embeddings) {
    Map<String, Object> m = new LinkedHashMap<>();
    int n = embeddings == null ? 0 : embeddings.size();
    m.put("count", n);
    List<Object> shown = new ArrayList<>(Math.min(n, MAX_EMBEDDINGS));
    for (int i = 0; i < n && i < MAX_EMBEDDINGS; i++) {
      shown.add(embedding(embeddings.get(i)));
    }
    m.put("embeddings", shown);
    return m;
  }

  /** A text segment as {@code {"text", "metadata"}}; another embedded value as its text. */
  static Object embedded(Object embedded) {
    if (embedded instanceof TextSegment s) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("text", s.text());
      if (s.metadata() != null && !s.metadata().toMap().isEmpty()) {
        m.put("metadata", s.metadata().toMap());
      }
      return m;
    }
    return embedded == null ? null : String.valueOf(embedded);
  }

  static void putIfSet(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
