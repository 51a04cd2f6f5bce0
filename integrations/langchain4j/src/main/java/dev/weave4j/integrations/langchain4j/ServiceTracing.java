package dev.weave4j.integrations.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import dev.weave4j.internal.WeaveRuntime;
import dev.weave4j.internal.trace.CallContext;
import dev.weave4j.internal.trace.Contexts;
import dev.weave4j.internal.trace.LlmCall;
import dev.weave4j.internal.trace.LlmJson;
import dev.weave4j.internal.trace.OpDescriptor;
import dev.weave4j.internal.trace.Tracer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Traces LangChain4j AI services: a method call of an {@code AiServices} proxy is a call named
 * {@code Interface.method} with its arguments by parameter name (the parent of the model calls,
 * tool calls and retrievals it makes; a {@code TokenStream} result ends it when the stream ends),
 * and each tool the service runs is a call named as the tool, of kind {@code tool}.
 */
public final class ServiceTracing {

  /** Bounds the cache of tool ops (tool names are few; an app making them up is not cached). */
  private static final int MAX_TOOL_OPS = 1024;

  /** Through the installed runtime: what the advice uses. */
  public static final ServiceTracing INSTANCE = new ServiceTracing(WeaveRuntime::tracer);

  /** The innermost tool call running on this thread (its failure is seen deeper, in the tool). */
  private static final ThreadLocal<ToolCall> CURRENT_TOOL = new ThreadLocal<>();

  private final Supplier<Tracer> tracer;
  private final Map<Method, ServiceOp> serviceOps = new ConcurrentHashMap<>();
  private final Map<String, OpDescriptor> toolOps = new ConcurrentHashMap<>();

  /**
   * @param tracer the active tracer (null when tracing is off)
   */
  public ServiceTracing(Supplier<Tracer> tracer) {
    this.tracer = tracer;
  }

  /** An AI service method's op: its descriptor, parameter names, whether it streams. */
  private record ServiceOp(OpDescriptor op, String[] names, boolean tokenStream) {
    static ServiceOp of(Method m) {
      Parameter[] params = m.getParameters();
      String[] names = new String[params.length];
      for (int i = 0; i < params.length; i++) {
        names[i] = params[i].getName(); // the real name with -parameters, else argN (as @WeaveOp)
      }
      String name = m.getDeclaringClass().getSimpleName() + "." + m.getName();
      return new ServiceOp(
          Lc4jTracing.appOp(name, m.getName(), "agent"),
          names,
          m.getReturnType() == TokenStream.class);
    }
  }

  /** One traced AI service method call. */
  public static final class ServiceCall {
    final LlmCall call;
    final CallContext context;
    final boolean tokenStream;

    ServiceCall(LlmCall call, CallContext context, boolean tokenStream) {
      this.call = call;
      this.context = context;
      this.tokenStream = tokenStream;
    }
  }

  /**
   * The proxy's handler is about to run {@code method} with {@code args}: the call, or null (not
   * traced, or not a service method: {@code Object}'s, default and LangChain4j's own methods).
   */
  public ServiceCall startService(Method method, Object[] args) {
    try {
      Tracer t = tracer.get();
      if (t == null
          || method == null
          || method.isDefault()
          || method.getDeclaringClass() == Object.class
          || method.getDeclaringClass().getName().startsWith("dev.langchain4j.")) {
        return null;
      }
      ServiceOp op = serviceOps.computeIfAbsent(method, ServiceOp::of);
      Map<String, Object> inputs = new LinkedHashMap<>();
      for (int i = 0; i < op.names.length; i++) {
        inputs.put(op.names[i], args != null && i < args.length ? args[i] : null);
      }
      LlmCall call = LlmCall.start(t, op.op, inputs, null);
      return call == null ? null : new ServiceCall(call, Contexts.current(), op.tokenStream);
    } catch (Throwable e) {
      Diagnostics.report(Problem.TRACER_ERROR, "starting a LangChain4j AI service call", e);
      return null;
    }
  }

  /**
   * The service method returned {@code returned} or threw {@code thrown}: ends the call, or, for a
   * {@code TokenStream}, returns a traced one that ends it when the stream ends.
   */
  public static Object endService(Object started, Object returned, Throwable thrown) {
    if (!(started instanceof ServiceCall s)) {
      return returned;
    }
    if (thrown == null && s.tokenStream && returned instanceof TokenStream stream) {
      try {
        s.call.detach();
        return TracedTokenStream.wrap(stream, s.call, s.context);
      } catch (Throwable e) {
        Diagnostics.report(Problem.TRACER_ERROR, "tracing a LangChain4j token stream", e);
        s.call.end(null, null);
        return returned;
      }
    }
    s.call.end(thrown == null ? returned : null, thrown);
    return returned;
  }

  // ---- tools

  /** One traced tool execution. */
  public static final class ToolCall {
    final LlmCall call;
    final ToolCall outer;
    volatile Throwable failure;

    ToolCall(LlmCall call, ToolCall outer) {
      this.call = call;
      this.outer = outer;
    }
  }

  /** A tool executor is about to run {@code request}: the tool's call, or null. */
  public ToolCall startTool(Object request) {
    try {
      Tracer t = tracer.get();
      if (t == null || !(request instanceof ToolExecutionRequest r) || r.name() == null) {
        return null;
      }
      OpDescriptor op = toolOps.get(r.name());
      if (op == null) {
        op = Lc4jTracing.appOp(r.name(), r.name(), "tool");
        if (toolOps.size() < MAX_TOOL_OPS) {
          OpDescriptor raced = toolOps.putIfAbsent(r.name(), op);
          op = raced == null ? op : raced;
        }
      }
      Object arguments = LlmJson.parse(r.arguments());
      Map<String, Object> inputs = new LinkedHashMap<>();
      if (arguments instanceof Map<?, ?> m) {
        m.forEach((k, v) -> inputs.put(String.valueOf(k), v));
      } else if (arguments != null) {
        inputs.put("arguments", arguments);
      }
      LlmCall call =
          LlmCall.start(t, op, inputs, r.id() == null ? null : Map.of("tool_call_id", r.id()));
      if (call == null) {
        return null;
      }
      ToolCall tool = new ToolCall(call, CURRENT_TOOL.get());
      CURRENT_TOOL.set(tool);
      return tool;
    } catch (Throwable e) {
      Diagnostics.report(Problem.TRACER_ERROR, "starting a LangChain4j tool call", e);
      return null;
    }
  }

  /**
   * The tool method threw {@code thrown} inside the executor, which turns it into an error result
   * for the model: the tool's call records the exception.
   */
  public static void toolThrew(Throwable thrown) {
    ToolCall tool = CURRENT_TOOL.get();
    if (tool != null && thrown != null) {
      tool.failure = thrown instanceof InvocationTargetException e ? e.getCause() : thrown;
    }
  }

  /** The executor returned {@code returned} (a result) or threw {@code thrown}. */
  public static void endTool(Object started, Object returned, Throwable thrown) {
    if (!(started instanceof ToolCall tool)) {
      return;
    }
    if (tool.outer == null) {
      CURRENT_TOOL.remove();
    } else {
      CURRENT_TOOL.set(tool.outer);
    }
    if (thrown != null) {
      tool.call.end(null, thrown);
      return;
    }
    Object output = returned;
    Throwable failure = null;
    try {
      if (returned instanceof ToolExecutionResult r) {
        output = r.result() != null ? r.result() : r.resultText();
        failure = r.isError() ? tool.failure : null;
      }
    } catch (Throwable e) {
      Diagnostics.report(Problem.TRACER_ERROR, "recording a LangChain4j tool result", e);
    }
    tool.call.end(failure == null ? output : null, failure);
  }

  /** A {@code TokenStream} whose handlers end the service call; everything else is forwarded. */
  static final class TracedTokenStream implements java.lang.reflect.InvocationHandler {
    private final TokenStream delegate;
    private final LlmCall call;
    private final CallContext context;
    private boolean completeHandlerSet;

    private TracedTokenStream(TokenStream delegate, LlmCall call, CallContext context) {
      this.delegate = delegate;
      this.call = call;
      this.context = context;
    }

    static TokenStream wrap(TokenStream delegate, LlmCall call, CallContext context) {
      return (TokenStream)
          Proxy.newProxyInstance(
              TokenStream.class.getClassLoader(),
              new Class<?>[] {TokenStream.class},
              new TracedTokenStream(delegate, call, context));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> delegate.toString();
        };
      }
      int n = args == null ? 0 : args.length;
      switch (method.getName()) {
        case "onCompleteResponse" -> {
          if (n == 1) {
            completeHandlerSet = true;
            args[0] = onComplete((java.util.function.Consumer<Object>) args[0]);
          }
        }
        case "onError" -> {
          if (n == 1) {
            args[0] = onError((java.util.function.Consumer<Throwable>) args[0]);
          }
        }
        case "ignoreErrors" -> {
          if (n == 0) {
            // errors stay ignored for the app; the call still ends with them
            delegate.onError(onError(null));
            return proxy;
          }
        }
        case "start" -> {
          if (n == 0) {
            start();
            return null;
          }
        }
        default -> {}
      }
      Object result;
      try {
        result = method.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      return result == delegate ? proxy : result;
    }

    private void start() {
      if (!completeHandlerSet) {
        delegate.onCompleteResponse(r -> end(r, null));
      }
      // the model calls the stream makes (and the tools it runs) are the service call's children
      CallContext previous = Contexts.attach(context);
      try {
        delegate.start();
      } catch (RuntimeException | Error e) {
        end(null, e);
        throw e;
      } finally {
        Contexts.attach(previous);
      }
    }

    private java.util.function.Consumer<Object> onComplete(
        java.util.function.Consumer<Object> user) {
      return response -> {
        end(response, null);
        if (user != null) {
          user.accept(response);
        }
      };
    }

    private java.util.function.Consumer<Throwable> onError(
        java.util.function.Consumer<Throwable> user) {
      return error -> {
        end(null, error == null ? new IllegalStateException("stream failed") : error);
        if (user != null) {
          user.accept(error);
        }
      };
    }

    private void end(Object response, Throwable error) {
      Object output = null;
      try {
        output =
            response instanceof dev.langchain4j.model.chat.response.ChatResponse r
                ? Lc4jJson.response(r)
                : response;
      } catch (Throwable e) {
        Diagnostics.report(Problem.TRACER_ERROR, "recording a LangChain4j token stream", e);
      }
      call.end(output, error); // a second end (error after completion) is ignored
    }
  }
}
