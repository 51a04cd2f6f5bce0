package dev.weave4j.integrations.langchain4j;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.request.EmbeddingInput;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import dev.weave4j.internal.WeaveRuntime;
import dev.weave4j.internal.trace.CallContext;
import dev.weave4j.internal.trace.Contexts;
import dev.weave4j.internal.trace.LlmCall;
import dev.weave4j.internal.trace.OpDescriptor;
import dev.weave4j.internal.trace.Tracer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Traces LangChain4j's model-level work: what the advice on chat models ({@code doChat}, where
 * every {@code chat(...)} overload ends, with the default parameters merged in), streaming chat
 * models, embedding models, embedding stores and content retrievers calls, before the method and
 * after it. Nested calls of the same op (a decorator delegating to another model) are one call.
 * Never throws into the application.
 */
public final class Lc4jTracing {

  static final OpDescriptor CHAT = op("langchain4j.ChatModel.chat", "chat", "llm");
  static final OpDescriptor STREAMING_CHAT =
      op("langchain4j.StreamingChatModel.chat", "chat", "llm");
  static final OpDescriptor EMBED = op("langchain4j.EmbeddingModel.embed", "embed", "");
  static final OpDescriptor SEARCH = op("langchain4j.EmbeddingStore.search", "search", "");
  static final OpDescriptor RETRIEVE = op("langchain4j.ContentRetriever.retrieve", "retrieve", "");

  /** Through the installed runtime: what the advice uses. */
  public static final Lc4jTracing INSTANCE = new Lc4jTracing(WeaveRuntime::tracer);

  private final Supplier<Tracer> tracer;

  /**
   * @param tracer the active tracer (null when tracing is off)
   */
  public Lc4jTracing(Supplier<Tracer> tracer) {
    this.tracer = tracer;
  }

  /**
   * A model, store or retriever op: the {@code weave.integrations.langchain4j.*} op settings apply.
   */
  static OpDescriptor op(String name, String method, String kind) {
    return OpDescriptor.builder(name, method).kind(kind).integration("langchain4j").build();
  }

  /**
   * An op named after the application's own code (an AI service method, a tool): the integration's
   * op settings (op_name...) do not rename it.
   */
  static OpDescriptor appOp(String name, String method, String kind) {
    return OpDescriptor.builder(name, method).kind(kind).build();
  }

  Tracer tracer() {
    return tracer.get();
  }

  // ---- chat models

  /** {@code model.doChat(request)} is about to run: its call, or null. */
  public LlmCall startChat(Object model, Object request) {
    try {
      Tracer t = tracer.get();
      if (t == null || !(request instanceof ChatRequest r)) {
        return null;
      }
      return LlmCall.start(t, CHAT, Lc4jJson.request(r), attributes(provider(model)));
    } catch (Throwable e) {
      Diagnostics.report(Problem.TRACER_ERROR, "starting a LangChain4j chat call", e);
      return null;
    }
  }

  /** {@code doChat} returned {@code returned} or threw {@code thrown}: ends {@code call}. */
  public static void endChat(LlmCall call, Object returned, Throwable thrown) {
    if (call == null) {
      return;
    }
    if (thrown != null || !(returned instanceof ChatResponse r)) {
      call.end(null, thrown);
      return;
    }
    endWithResponse(call, r);
  }

  /** Ends {@code call} with {@code response} as its output and its token usage in the summary. */
  static void endWithResponse(LlmCall call, ChatResponse response) {
    Object output = null;
    try {
      output = Lc4jJson.response(response);
      if (response.metadata() != null) {
        usage(call, response.metadata().modelName(), response.metadata().tokenUsage());
      }
    } catch (Throwable e) {
      Diagnostics.report(Problem.TRACER_ERROR, "recording a LangChain4j chat response", e);
    }
    call.end(output, null);
  }

  static void usage(LlmCall call, String model, TokenUsage usage) {
    Map<String, Object> counts = Lc4jJson.usage(usage);
    if (model != null && counts != null) {
      call.usage(model, counts);
    }
  }

  /**
   * {@code model.doChat(request, handler)} is about to run: its call, whose {@link
   * StreamingCall#handler()} the method must use instead of {@code handler}; or null.
   */
  public StreamingCall startStreaming(Object model, Object request, Object handler) {
    try {
      Tracer t = tracer.get();
      if (t == null
          || !(request instanceof ChatRequest r)
          || !(handler instanceof StreamingChatResponseHandler h)) {
        return null;
      }
      CallContext parent = Contexts.current();
      Map<String, Object> inputs = Lc4jJson.request(r);
      inputs.put("stream", true);
      LlmCall call = LlmCall.start(t, STREAMING_CHAT, inputs, attributes(provider(model)));
      if (call == null) {
        return null;
      }
      try {
        return new StreamingCall(call, h, parent);
      } catch (Throwable e) {
        call.end(null, null); // closes its scope: the model runs untraced
        throw e;
      }
    } catch (Throwable e) {
      Diagnostics.report(Problem.TRACER_ERROR, "starting a LangChain4j streaming chat call", e);
      return null;
    }
  }

  private static Object provider(Object model) {
    if (model instanceof ChatModel m) {
      return m.provider();
    }
    return model instanceof StreamingChatModel m ? m.provider() : null;
  }

  private static Map<String, Object> attributes(Object provider) {
    if (!(provider instanceof ModelProvider p)) {
      return null;
    }
    // OPEN_AI -> "openai", as the SDK integrations name it; ANTHROPIC -> "anthropic"
    return Map.of("provider", p.name().toLowerCase(Locale.ROOT).replace("open_ai", "openai"));
  }

  // ---- embedding models, stores, retrievers

  /** An {@code embed}/{@code embedAll} entry point is about to run with {@code arg}. */
  public LlmCall startEmbed(Object arg) {
    try {
      Tracer t = tracer.get();
      if (t == null) {
        return null;
      }
      Map<String, Object> inputs = new LinkedHashMap<>();
      if (arg instanceof String s) {
        inputs.put("text", s);
      } else if (arg instanceof TextSegment s) {
        inputs.put("text", s.text());
      } else if (arg instanceof List<?> segments) {
        List<Object> texts = new ArrayList<>(segments.size());
        for (Object s : segments) {
          texts.add(s instanceof TextSegment ts ? ts.text() : String.valueOf(s));
        }
        inputs.put("texts", texts);
      } else if (arg instanceof EmbeddingRequest r) {
        List<Object> texts = new ArrayList<>(r.inputs().size());
        for (EmbeddingInput i : r.inputs()) {
          texts.add(i.text());
        }
        inputs.put("texts", texts);
      }
      return LlmCall.start(t, EMBED, inputs, null);
    } catch (Throwable e) {
      Diagnostics.report(Problem.TRACER_ERROR, "starting a LangChain4j embedding call", e);
      return null;
    }
  }

  /** The embedding entry point of {@code model} returned or threw: ends {@code call}. */
  @SuppressWarnings("unchecked")
  public static void endEmbed(LlmCall call, Object model, Object returned, Throwable thrown) {
    if (call == null) {
      return;
    }
    if (thrown != null) {
      call.end(null, thrown);
      return;
    }
    Map<String, Object> output = null;
    try {
      if (returned instanceof EmbeddingResponse r) {
        output = Lc4jJson.embeddings(r.embeddings());
        if (r.metadata() != null) {
          usage(call, r.metadata().modelName(), r.metadata().tokenUsage());
        }
      } else if (returned instanceof Response<?> r) {
        Object content = r.content();
        output =
            Lc4jJson.embeddings(
                content instanceof Embedding e ? List.of(e) : (List<Embedding>) content);
        usage(call, model instanceof EmbeddingModel m ? m.modelName() : null, r.tokenUsage());
      }
    } catch (Throwable e) {
      Diagnostics.report(Problem.TRACER_ERROR, "recording LangChain4j embeddings", e);
    }
    call.end(output, null);
  }

  /** {@code store.search(request)} is about to run. */
  public LlmCall startSearch(Object request) {
    try {
      Tracer t = tracer.get();
      if (t == null || !(request instanceof EmbeddingSearchRequest r)) {
        return null;
      }
      Map<String, Object> inputs = new LinkedHashMap<>();
      Lc4jJson.putIfSet(inputs, "query", r.query());
      inputs.put("query_embedding", Lc4jJson.embedding(r.queryEmbedding()));
      inputs.put("max_results", r.maxResults());
      inputs.put("min_score", r.minScore());
      if (r.filter() != null) {
        inputs.put("filter", String.valueOf(r.filter()));
      }
      return LlmCall.start(t, SEARCH, inputs, null);
    } catch (Throwable e) {
      Diagnostics.report(Problem.TRACER_ERROR, "starting a LangChain4j store search", e);
      return null;
    }
  }

  /** The search returned or threw. */
  public static void endSearch(LlmCall call, Object returned, Throwable thrown) {
    if (call == null) {
      return;
    }
    Object output = null;
    try {
      if (thrown == null && returned instanceof EmbeddingSearchResult<?> r) {
        List<Object> matches = new ArrayList<>();
        for (EmbeddingMatch<?> m : r.matches()) {
          Map<String, Object> match = new LinkedHashMap<>();
          match.put("score", m.score());
          match.put("embedding_id", m.embeddingId());
          match.put("embedded", Lc4jJson.embedded(m.embedded()));
          matches.add(match);
        }
        output = Map.of("matches", matches);
      }
    } catch (Throwable e) {
      Diagnostics.report(Problem.TRACER_ERROR, "recording a LangChain4j store search", e);
    }
    call.end(output, thrown);
  }

  /** {@code retriever.retrieve(query)} is about to run. */
  public LlmCall startRetrieve(Object query) {
    try {
      Tracer t = tracer.get();
      if (t == null || !(query instanceof Query q)) {
        return null;
      }
      Map<String, Object> inputs = new LinkedHashMap<>();
      inputs.put("query", q.text());
      return LlmCall.start(t, RETRIEVE, inputs, null);
    } catch (Throwable e) {
      Diagnostics.report(Problem.TRACER_ERROR, "starting a LangChain4j retrieval", e);
      return null;
    }
  }

  /** The retrieval returned or threw: the contents' text, metadata and scores. */
  @SuppressWarnings("unchecked")
  public static void endRetrieve(LlmCall call, Object returned, Throwable thrown) {
    if (call == null) {
      return;
    }
    Object output = null;
    try {
      if (thrown == null && returned instanceof List<?> contents) {
        List<Object> out = new ArrayList<>(contents.size());
        for (Object o : contents) {
          if (o instanceof Content c) {
            Object segment = Lc4jJson.embedded(c.textSegment());
            Map<String, Object> content =
                segment instanceof Map<?, ?> m
                    ? new LinkedHashMap<>((Map<String, Object>) m)
                    : new LinkedHashMap<>();
            if (c.metadata() != null) {
              c.metadata().forEach((k, v) -> content.put(k.name().toLowerCase(Locale.ROOT), v));
            }
            out.add(content);
          }
        }
        output = out;
      }
    } catch (Throwable e) {
      Diagnostics.report(Problem.TRACER_ERROR, "recording a LangChain4j retrieval", e);
    }
    call.end(output, thrown);
  }
}
