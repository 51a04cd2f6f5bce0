package dev.weave4j.internal.trace;

import dev.weave4j.annotations.Accumulator;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Internal, unstable. One call of an LLM client SDK method, traced by an integration exactly as an
 * op call is: started with the request as its inputs (the provider's JSON, not the SDK's objects),
 * ended with the response as its output, streamed results folded by the SDK's own accumulator.
 * Nothing here throws into the application: every failure is reported and the call left as is.
 */
public final class LlmCall {

  /** The summary key of the time from the call's start to the first streamed value. */
  public static final String TIME_TO_FIRST_TOKEN = "time_to_first_token_ms";

  private final Tracer tracer;
  private final Tracer.Scope scope;
  private final long startNanos = System.nanoTime();
  private volatile boolean firstSeen;
  private volatile StreamCall dropWatch;

  private LlmCall(Tracer tracer, Tracer.Scope scope) {
    this.tracer = tracer;
    this.scope = scope;
  }

  /**
   * Starts a call of {@code op} with {@code inputs} (and {@code attributes} over the scope's) as a
   * child of the current call, current on this thread until it returns; null when not traced, and
   * when a call of {@code op} is current here (the SDK's method delegating to its own raw-response
   * twin: one call, not two). The op settings of {@code op}'s {@linkplain
   * OpDescriptor#integration() integration} apply (op name, display name, input and output hooks);
   * null when they turn the integration off.
   */
  public static LlmCall start(
      Tracer tracer, OpDescriptor op, Map<String, Object> inputs, Map<String, ?> attributes) {
    return start(tracer, op, () -> inputs, attributes);
  }

  /**
   * As {@link #start(Tracer, OpDescriptor, Map, Map)}, with the inputs built only when the call is
   * recorded: not for a nested call of the same op, a sampled-out call or an integration turned
   * off, so that those cost the application's thread no request conversion.
   */
  public static LlmCall start(
      Tracer tracer,
      OpDescriptor op,
      Supplier<Map<String, Object>> inputs,
      Map<String, ?> attributes) {
    if (tracer == null) {
      return null;
    }
    try {
      IntegrationOps.Resolved resolved = IntegrationOps.resolve(op);
      CallImpl current = Contexts.current().call;
      if (current != null && (current.op() == op || current.op() == resolved.op())) {
        return null;
      }
      if (!resolved.enabled()) {
        return null;
      }
      op = resolved.op();
      Object admitted = tracer.admit(op);
      if (admitted != Tracer.TRACE) {
        return admitted == null ? null : new LlmCall(tracer, (Tracer.Scope) admitted);
      }
      CallContext context = Contexts.current();
      Tracer.Scope scope =
          tracer.begin(
              op, null, inputs.get(), context, Tracer.liveParent(context), attributes, null, true);
      return new LlmCall(tracer, scope);
    } catch (Throwable t) {
      Diagnostics.report(Problem.TRACER_ERROR, "starting a call of " + op.opName(), t);
      return null;
    }
  }

  /** Ends the call with {@code output} (the response as the provider's JSON) or {@code error}. */
  public void end(Object output, Throwable error) {
    try {
      consumed();
      tracer.end(scope, output, error);
    } catch (Throwable t) {
      Diagnostics.report(Problem.TRACER_ERROR, "ending a call", t);
    }
  }

  /**
   * The SDK returned {@code stream}, which the caller may drop without reading it or closing it:
   * the call (left open, {@link #detach() detached}) then ends with {@code "<not consumed>"} when
   * {@code stream} is garbage collected, or at JVM shutdown, as a dropped lazy result of an op
   * does. Reading it ({@link #traceIterator}, {@link #traceStream}) or {@link #end} stops this.
   */
  public void endWhenDropped(Object stream) {
    try {
      dropWatch = StreamCall.endWhenDropped(tracer, scope, stream);
    } catch (Throwable t) {
      Diagnostics.report(Problem.TRACER_ERROR, "watching an LLM stream", t);
    }
  }

  /** The call is ended or its values are traced from now on: no drop watch is needed. */
  private void consumed() {
    StreamCall watch = dropWatch;
    if (watch != null) {
      dropWatch = null;
      watch.cancel();
    }
  }

  /**
   * The method returned: leaves the call open (ended later by {@link #end}) and restores the
   * caller's context on this thread, so the app's own calls made meanwhile are not its children.
   */
  public void detach() {
    CallContext context = scope.context;
    if (context != null) {
      scope.context = null;
      Contexts.close(context, true);
    }
  }

  /**
   * Ends the call when {@code stage} completes, with its value made into the output by {@code
   * toOutput}; returns {@code stage} itself.
   */
  public <T, S extends CompletionStage<T>> S endWhenDone(
      S stage, Function<Object, Object> toOutput) {
    detach();
    try {
      stage.whenComplete(
          (value, error) -> {
            if (error != null) {
              end(null, unwrap(error));
            } else {
              end(output(toOutput, value), null);
            }
          });
    } catch (Throwable t) {
      Diagnostics.report(Problem.TRACER_ERROR, "watching an async LLM call", t);
    }
    return stage;
  }

  /** {@code toOutput} of {@code value}, or a marker when it fails. */
  public static Object output(Function<Object, Object> toOutput, Object value) {
    try {
      return toOutput.apply(value);
    } catch (Throwable t) {
      Diagnostics.report(Problem.TRACER_ERROR, "recording an LLM response", t);
      return String.valueOf(value);
    }
  }

  /**
   * The values of {@code stream}, traced, each added to {@code output} (the SDK's own accumulator),
   * which is the call's output.
   */
  public <T> Stream<T> traceStream(Stream<T> stream, LlmStreamOutput<?> output) {
    return traceStream(stream, intoOutput(output));
  }

  private static Accumulator<Object, Object> intoOutput(LlmStreamOutput<?> output) {
    return (state, value) -> {
      output.add(value);
      return output;
    };
  }

  /**
   * The values of {@code stream}, traced: each value is folded by {@code accumulator} (state for
   * this call only; its last state is the output) before the caller sees it, and the call ends as
   * for a stream returned by an op (exhausted, closed, stopped early, failed, or dropped).
   */
  @SuppressWarnings("unchecked")
  public <T> Stream<T> traceStream(Stream<T> stream, Accumulator<?, ? super T> accumulator) {
    detach();
    consumed();
    try {
      return (Stream<T>)
          StreamCall.exit(tracer, scope, ReturnShape.STREAM, stream, timed(accumulator));
    } catch (Throwable t) {
      Diagnostics.report(Problem.TRACER_ERROR, "tracing an LLM stream", t);
      return stream;
    }
  }

  /**
   * The values of {@code publisher} (a Reactive Streams publisher; a Reactor {@code Flux} stays a
   * {@code Flux}), traced as {@link #traceStream} traces a stream's, each added to {@code output}:
   * the call ends when the subscription completes, fails or is cancelled, and calls made while it
   * subscribes or requests are its children. Returns {@code publisher} itself when it cannot be
   * traced.
   */
  public Object tracePublisher(Object publisher, LlmStreamOutput<?> output) {
    detach();
    try {
      return StreamCall.exit(
          tracer, scope, ReturnShape.REACTIVE_PUBLISHER, publisher, timed(intoOutput(output)));
    } catch (Throwable t) {
      Diagnostics.report(Problem.TRACER_ERROR, "tracing an LLM stream", t);
      return publisher;
    }
  }

  /**
   * The values of {@code iterator}, traced as {@link #traceStream} traces a stream's (an SDK stream
   * class the integration cannot subtype hands out its iterator).
   */
  @SuppressWarnings("unchecked")
  public <T> Iterator<T> traceIterator(
      Iterator<T> iterator, Accumulator<?, ? super T> accumulator) {
    detach();
    consumed();
    try {
      return (Iterator<T>)
          StreamCall.exit(tracer, scope, ReturnShape.ITERATOR, iterator, timed(accumulator));
    } catch (Throwable t) {
      Diagnostics.report(Problem.TRACER_ERROR, "tracing an LLM stream", t);
      return iterator;
    }
  }

  /**
   * Records the token usage of this call's response, {@code summary.usage[model] = {"requests": 1,
   * counts...}}, for a provider whose response names it otherwise than {@code model} and {@code
   * usage}, or a framework whose LLM call may run over a traced SDK. It is counted once: only when
   * no descendant of this call (the SDK call made underneath) reported usage by the time it ends.
   */
  public void usage(String model, Map<String, ?> counts) {
    CallImpl call = scope.call;
    if (call == null || model == null || counts == null || counts.isEmpty()) {
      return;
    }
    Map<String, Object> byModel = new LinkedHashMap<>();
    byModel.put("requests", 1L);
    byModel.putAll(counts);
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put(model, byModel);
    call.ownUsage(usage);
  }

  /**
   * A value of a stream read through callbacks (an async SDK stream) reaches the caller's handler:
   * folds it into {@code output}; returns false when the caller must not see it ({@code hidden}).
   */
  public boolean next(Object value, LlmStreamOutput<?> output, Predicate<Object> hidden) {
    try {
      firstValue();
      output.add(value);
      return !hidden.test(value);
    } catch (Throwable t) {
      Diagnostics.report(Problem.TRACER_ERROR, "accumulating a streamed LLM value", t);
      return true;
    }
  }

  /** Records the time to the first streamed value, once. */
  public void firstValue() {
    if (!firstSeen) {
      firstSeen = true;
      CallImpl call = scope.call;
      if (call != null) {
        call.summary().put(TIME_TO_FIRST_TOKEN, (System.nanoTime() - startNanos) / 1_000_000L);
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Accumulator timed(Accumulator accumulator) {
    return (state, value) -> {
      firstValue();
      return accumulator.accumulate(state, value);
    };
  }

  /** {@code t} without the wrapper a future adds, or null. */
  public static Throwable unwrap(Throwable t) {
    if ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      return t.getCause();
    }
    return t;
  }
}
