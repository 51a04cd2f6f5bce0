package dev.weave4j.integrations.springai;

import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import dev.weave4j.internal.WeaveRuntime;
import dev.weave4j.internal.trace.LlmCall;
import dev.weave4j.internal.trace.LlmStreamOutput;
import dev.weave4j.internal.trace.OpDescriptor;
import dev.weave4j.internal.trace.Tracer;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.vectorstore.SearchRequest;

/**
 * Traces Spring AI's chat models, chat client, tools, embedding models and vector stores: what the
 * advice calls before a method (with its argument) and after it (with what it returned or threw).
 * Never throws into the application.
 */
public final class SpringAiTracing {

  /** What an advised method does. */
  public static final int CHAT_CALL = 0;

  public static final int CHAT_STREAM = 1;
  public static final int CLIENT_CALL = 2;
  public static final int CLIENT_STREAM = 3;
  public static final int EMBEDDING = 4;
  public static final int SEARCH = 5;
  public static final int TOOL = 6;

  private final Supplier<Tracer> tracer;

  /**
   * @param tracer the active tracer (null when tracing is off)
   */
  public SpringAiTracing(Supplier<Tracer> tracer) {
    this.tracer = tracer;
  }

  /** Tracing through the installed runtime. */
  public static SpringAiTracing withRuntime() {
    return new SpringAiTracing(WeaveRuntime::tracer);
  }

  /**
   * A method of kind {@code kind} (not {@link #TOOL}) is about to run with {@code argument} (a
   * {@code Prompt}, {@code ChatClientRequest}, {@code EmbeddingRequest} or {@code SearchRequest});
   * returns its call, or null when not traced.
   */
  public SpringAiCall start(int kind, Object argument) {
    Tracer t = tracer.get();
    if (t == null) {
      return null;
    }
    try {
      OpDescriptor op;
      Supplier<Map<String, Object>> inputs;
      String model = null;
      switch (kind) {
        case CHAT_CALL, CHAT_STREAM -> {
          Prompt prompt = (Prompt) argument;
          op = kind == CHAT_CALL ? SpringAiOps.CHAT_CALL : SpringAiOps.CHAT_STREAM;
          inputs = () -> SpringAiJson.prompt(prompt);
          model = SpringAiJson.model(prompt);
        }
        case CLIENT_CALL, CLIENT_STREAM -> {
          Prompt prompt = ((ChatClientRequest) argument).prompt();
          op = kind == CLIENT_CALL ? SpringAiOps.CLIENT_CALL : SpringAiOps.CLIENT_STREAM;
          inputs = () -> SpringAiJson.prompt(prompt);
          model = SpringAiJson.model(prompt);
        }
        case EMBEDDING -> {
          op = SpringAiOps.EMBEDDING;
          inputs = () -> SpringAiJson.embeddingRequest((EmbeddingRequest) argument);
        }
        default -> {
          op = SpringAiOps.SEARCH;
          inputs = () -> SpringAiJson.searchRequest((SearchRequest) argument);
        }
      }
      LlmCall call = LlmCall.start(t, op, inputs, null);
      return call == null ? null : new SpringAiCall(call, kind, model);
    } catch (Throwable e) {
      Diagnostics.report(Problem.TRACER_ERROR, "starting a Spring AI call", e);
      return null;
    }
  }

  /**
   * The tool {@code tool} is about to run with {@code input} (its arguments as JSON); returns its
   * call, named as the tool, or null when not traced.
   */
  public SpringAiCall startTool(ToolCallback tool, String input) {
    Tracer t = tracer.get();
    if (t == null) {
      return null;
    }
    try {
      OpDescriptor op = SpringAiOps.tool(tool.getToolDefinition().name());
      LlmCall call = LlmCall.start(t, op, Map.of("input", input == null ? "" : input), null);
      return call == null ? null : new SpringAiCall(call, TOOL, null);
    } catch (Throwable e) {
      Diagnostics.report(Problem.TRACER_ERROR, "starting a Spring AI tool call", e);
      return null;
    }
  }

  /** One traced Spring AI call, from before the method runs to its end. */
  public static final class SpringAiCall {
    private final LlmCall call;
    private final int kind;
    private final String requestedModel;

    SpringAiCall(LlmCall call, int kind, String requestedModel) {
      this.call = call;
      this.kind = kind;
      this.requestedModel = requestedModel;
    }

    /** The method threw {@code error}: the call ends with it (the caller gets it unchanged). */
    public void threw(Throwable error) {
      call.end(null, error);
    }

    /**
     * The method returned {@code value}: ends the call, or, for a stream, returns the traced {@code
     * Flux} the caller gets instead, which ends the call with the aggregated response.
     */
    @SuppressWarnings("unchecked")
    public Object returned(Object value) {
      try {
        switch (kind) {
          case CHAT_CALL -> endChat((ChatResponse) value);
          case CLIENT_CALL ->
              endChat(value == null ? null : ((ChatClientResponse) value).chatResponse());
          case CHAT_STREAM, CLIENT_STREAM -> {
            if (value != null) {
              return call.tracePublisher(value, streamOutput());
            }
            call.end(null, null);
          }
          case EMBEDDING -> {
            EmbeddingResponse r = (EmbeddingResponse) value;
            Map<String, Object> out = r == null ? null : SpringAiJson.embeddingResponse(r);
            if (out != null && out.get("usage") instanceof Map<?, ?> usage) {
              String model = (String) out.get("model");
              call.usage(model, (Map<String, ?>) usage);
            }
            call.end(out, null);
          }
          case SEARCH ->
              call.end(value == null ? null : SpringAiJson.documents((List<?>) value), null);
          default -> call.end(value, null);
        }
      } catch (Throwable t) {
        Diagnostics.report(Problem.TRACER_ERROR, "ending a Spring AI call", t);
        call.end(null, null);
      }
      return value;
    }

    private void endChat(ChatResponse response) {
      Map<String, Object> out = SpringAiJson.response(response);
      usage(response);
      call.end(out, null);
    }

    /** Records the usage a response reports, under the model it names (else the one asked for). */
    void usage(ChatResponse response) {
      if (response == null || response.getMetadata() == null) {
        return;
      }
      Map<String, Object> counts = SpringAiJson.usage(response.getMetadata().getUsage());
      if (counts != null) {
        String model = SpringAiJson.model(response);
        call.usage(model != null ? model : requestedModel, counts);
      }
    }

    private LlmStreamOutput<ChatAggregate> streamOutput() {
      boolean client = kind == CLIENT_STREAM;
      return new LlmStreamOutput<>(
          new ChatAggregate(),
          (a, v) -> {
            ChatResponse r = client ? ((ChatClientResponse) v).chatResponse() : (ChatResponse) v;
            if (a.add(r)) {
              usage(r);
            }
          },
          ChatAggregate::response,
          ChatAggregate::response,
          SpringAiCall::asMap);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
      return (Map<String, Object>) value;
    }
  }
}
