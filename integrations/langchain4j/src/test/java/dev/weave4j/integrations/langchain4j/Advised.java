package dev.weave4j.integrations.langchain4j;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.weave4j.internal.trace.LlmCall;

/**
 * Models and executors that call the tracing helpers around their delegate's method exactly as the
 * agent's advice does around the library's (enter, the method, exit), for unit tests without the
 * agent.
 */
final class Advised {

  private Advised() {}

  /** {@link ChatAdvice} around {@code delegate.doChat}. */
  record Chat(ChatModel delegate, Lc4jTracing tracing) implements ChatModel {
    @Override
    public ChatResponse doChat(ChatRequest request) {
      LlmCall call = tracing.startChat(this, request);
      ChatResponse response;
      try {
        response = delegate.doChat(request);
      } catch (RuntimeException e) {
        Lc4jTracing.endChat(call, null, e);
        throw e;
      }
      Lc4jTracing.endChat(call, response, null);
      return response;
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
      return delegate.defaultRequestParameters();
    }

    @Override
    public ModelProvider provider() {
      return delegate.provider();
    }
  }

  /** {@link StreamingChatAdvice} around {@code delegate.doChat}. */
  record Streaming(StreamingChatModel delegate, Lc4jTracing tracing) implements StreamingChatModel {
    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
      StreamingCall call = tracing.startStreaming(this, request, handler);
      StreamingChatResponseHandler h =
          call == null ? handler : (StreamingChatResponseHandler) call.handler();
      try {
        delegate.doChat(request, h);
      } catch (RuntimeException e) {
        if (call != null) {
          call.returned(e);
        }
        throw e;
      }
      if (call != null) {
        call.returned(null);
      }
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
      return delegate.defaultRequestParameters();
    }

    @Override
    public ModelProvider provider() {
      return delegate.provider();
    }
  }

  /** {@link ToolAdvice} around {@code delegate.executeWithContext}. */
  record Tool(ToolExecutor delegate, ServiceTracing tracing) implements ToolExecutor {
    @Override
    public String execute(
        dev.langchain4j.agent.tool.ToolExecutionRequest request, Object memoryId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ToolExecutionResult executeWithContext(
        dev.langchain4j.agent.tool.ToolExecutionRequest request,
        dev.langchain4j.invocation.InvocationContext context) {
      Object call = tracing.startTool(request);
      ToolExecutionResult result;
      try {
        result = delegate.executeWithContext(request, context);
      } catch (RuntimeException e) {
        ServiceTracing.endTool(call, null, e);
        throw e;
      }
      ServiceTracing.endTool(call, result, null);
      return result;
    }
  }
}
