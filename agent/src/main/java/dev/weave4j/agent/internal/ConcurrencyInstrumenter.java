package dev.weave4j.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weave4j.internal.trace.Propagation;
import java.lang.instrument.Instrumentation;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinTask;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Internal, unstable. Propagates the tracing context across threads automatically: tasks given to
 * {@code ThreadPoolExecutor}, {@code ScheduledThreadPoolExecutor} and {@code ForkJoinPool} (the
 * common pool included, hence {@code CompletableFuture} async stages and parallel streams), forked
 * {@code ForkJoinTask}s, and virtual threads (JDK 21+) run under the context of the thread that
 * handed them over. Plain {@code new Thread} does not inherit it: pool workers are threads too, and
 * one created lazily inside a call must not carry that call forever.
 */
final class ConcurrencyInstrumenter {

  private ConcurrencyInstrumenter() {}

  static void install(Instrumentation inst) {
    ClassFileLocator locator = ClassFileLocator.ForClassLoader.ofSystemLoader();
    Advice wrapRunnable = Advice.to(PropagationAdvice.WrapRunnable.class, locator);
    Advice wrapCallable = Advice.to(PropagationAdvice.WrapCallable.class, locator);
    Advice captureArgument = Advice.to(PropagationAdvice.CaptureArgument.class, locator);
    ElementMatcher.Junction<MethodDescription> runnableFirst =
        ElementMatchers.not(ElementMatchers.isBridge())
            .and(takesArgument(0, Runnable.class))
            .and(ElementMatchers.not(takesArgument(0, Callable.class)));
    ElementMatcher.Junction<MethodDescription> callableFirst =
        ElementMatchers.not(ElementMatchers.isBridge()).and(takesArgument(0, Callable.class));
    ElementMatcher.Junction<MethodDescription> taskFirst =
        takesArguments(1).and(takesArgument(0, ForkJoinTask.class));

    new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        // Classes loaded while we install (ForkJoinPool often is) are caught by a second look.
        .with(AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Reiterating.INSTANCE)
        .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
        .with(new TransformErrorListener())
        .ignore(
            ElementMatchers.not(
                ElementMatchers.nameStartsWith("java.util.concurrent.")
                    .or(named("java.lang.ThreadBuilders"))))
        .assureReadEdgeTo(inst, Propagation.class)
        .type(
            namedOneOf(
                "java.util.concurrent.ThreadPoolExecutor",
                // CompletableFuture's async executor when the common pool has parallelism 1.
                "java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor"))
        .transform(
            (b, t, l, m, d) ->
                b.visit(wrapRunnable.on(named("execute").and(takesArguments(Runnable.class)))))
        .type(named("java.util.concurrent.ScheduledThreadPoolExecutor"))
        .transform(
            (b, t, l, m, d) -> {
              ElementMatcher.Junction<MethodDescription> scheduling =
                  namedOneOf("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay");
              return b.visit(wrapRunnable.on(scheduling.and(runnableFirst)))
                  .visit(wrapCallable.on(scheduling.and(callableFirst)));
            })
        .type(named("java.util.concurrent.ForkJoinPool"))
        .transform(
            (b, t, l, m, d) -> {
              ElementMatcher.Junction<MethodDescription> handOver =
                  namedOneOf("execute", "submit", "invoke").and(ElementMatchers.isPublic());
              return b.visit(wrapRunnable.on(handOver.and(runnableFirst).and(notTask())))
                  .visit(wrapCallable.on(handOver.and(callableFirst)))
                  .visit(captureArgument.on(handOver.and(taskFirst)));
            })
        .type(named("java.util.concurrent.ForkJoinTask"))
        .transform(
            (b, t, l, m, d) ->
                b.visit(
                        Advice.to(PropagationAdvice.CaptureThis.class, locator)
                            .on(named("fork").and(takesArguments(0))))
                    .visit(
                        Advice.to(PropagationAdvice.RunCaptured.class, locator)
                            .on(named("doExec").and(takesArguments(0)))))
        .type(named("java.lang.ThreadBuilders"))
        .transform(
            (b, t, l, m, d) ->
                b.visit(
                    Advice.to(PropagationAdvice.WrapVirtualThreadTask.class, locator)
                        .on(
                            named("newVirtualThread")
                                .and(takesArguments(4))
                                .and(takesArgument(3, Runnable.class)))))
        .installOn(inst);
  }

  /** {@code execute(ForkJoinTask)} is handled by capture, not by wrapping. */
  private static ElementMatcher.Junction<MethodDescription> notTask() {
    return ElementMatchers.not(takesArgument(0, ForkJoinTask.class));
  }
}
