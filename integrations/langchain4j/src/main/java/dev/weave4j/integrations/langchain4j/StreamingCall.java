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
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One traced {@code StreamingChatModel.doChat(request, handler)}: the model gets a handler that
 * forwards every event to the caller's (a proxy, so that events a later LangChain4j adds are
 * forwarded too). The call ends at {@code onCompleteResponse} (already aggregated by LangChain4j,
 * with usage) or {@code onError}, on whatever thread the provider calls it, before the caller's
 * handler sees the event, so its usage is in the caller's call before that can end. The call is in
 * scope on the caller's thread while {@code doChat} runs (what the provider does there is its
 * child) without owning that scope, which is why it may end on another thread at any time. The
 * caller's handler runs under the context the request was made in, so what it starts (an AI
 * service's tool calls and next model call) are children of the caller's call, not of this one.
 */
public final class StreamingCall implements InvocationHandler {

  private final LlmCall call;
  private final StreamingChatResponseHandler delegate;
  private final CallContext parent;
  private final StreamingChatResponseHandler handler;
  private final AtomicBoolean done = new AtomicBoolean();

  /** Made right after {@code call} started as the current call of this thread. */
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
    // the call's scope stays current until doChat returns, but is no longer the call's to close
    CallContext inScope = Contexts.current();
    call.detach();
    Contexts.attach(inScope);
  }

  /** The handler the model must be given. */
  public Object handler() {
    return handler;
  }

  /** {@code doChat} returned, or threw {@code thrown} (then the call ends with it). */
  public void returned(Throwable thrown) {
    Contexts.attach(parent);
    if (thrown != null) {
      completed(null, thrown);
    }
  }

  private void completed(ChatResponse response, Throwable error) {
    if (!done.compareAndSet(false, true)) {
      return;
    }
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
