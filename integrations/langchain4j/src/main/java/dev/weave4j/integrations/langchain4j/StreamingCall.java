package dev.weave4j.integrations.langchain4j;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.weave4j.internal.trace.CallContext;
import dev.weave4j.internal.trace.Contexts;
import dev.weave4j.internal.trace.LlmCall;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * One traced {@code StreamingChatModel.doChat(request, handler)}: the model gets a handler that
 * forwards every event to the caller's (a proxy, so that events a later LangChain4j adds are
 * forwarded too). The call ends at {@code onCompleteResponse} (already aggregated by LangChain4j,
 * with usage) or {@code onError}, on the provider's thread, but never before {@code doChat} has
 * returned on the caller's thread (where the call's scope is closed). The caller's handler runs
 * under the context the request was made in, so what it starts (an AI service's tool calls and next
 * model call) are children of the caller's call, not of this model call.
 */
public final class StreamingCall implements InvocationHandler {

  private final LlmCall call;
  private final StreamingChatResponseHandler delegate;
  private final CallContext parent;
  private final StreamingChatResponseHandler handler;

  private boolean returned;
  private boolean done;
  private ChatResponse response;
  private Throwable error;

  StreamingCall(LlmCall call, StreamingChatResponseHandler delegate, CallContext parent) {
    this.call = call;
    this.delegate = delegate;
    this.parent = parent;
    this.handler =
        (StreamingChatResponseHandler)
            Proxy.newProxyInstance(
                StreamingChatResponseHandler.class.getClassLoader(),
                new Class<?>[] {StreamingChatResponseHandler.class},
                this);
  }

  /** The handler the model must be given. */
  public Object handler() {
    return handler;
  }

  /** {@code doChat} returned, or threw {@code thrown}: the call ends now if the stream is done. */
  public void returned(Throwable thrown) {
    call.detach();
    boolean finish;
    synchronized (this) {
      returned = true;
      if (thrown != null && !done) {
        done = true;
        error = thrown;
      }
      finish = done;
    }
    if (finish) {
      finish();
    }
  }

  private void completed(ChatResponse response, Throwable error) {
    synchronized (this) {
      if (done) {
        return;
      }
      done = true;
      this.response = response;
      this.error = error;
      if (!returned) {
        return; // returned(...) ends it
      }
    }
    finish();
  }

  private void finish() {
    if (error != null || response == null) {
      call.end(null, error);
    } else {
      Lc4jTracing.endWithResponse(call, response);
    }
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "traced " + delegate;
      };
    }
    String name = method.getName();
    int n = args == null ? 0 : args.length;
    if (name.equals("onCompleteResponse") && n == 1) {
      completed(args[0] instanceof ChatResponse r ? r : null, null);
    } else if (name.equals("onError") && n == 1) {
      completed(null, args[0] instanceof Throwable t ? t : null);
    } else if (name.startsWith("onPartial")) {
      call.firstValue();
    }
    CallContext previous = Contexts.attach(parent);
    try {
      return method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    } finally {
      Contexts.attach(previous);
    }
  }
}
