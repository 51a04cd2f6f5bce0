package dev.weave4j.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import dev.weave4j.internal.trace.Propagation;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
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

  /**
   * By name: referring to the class would load it at start-up, and then it must be retransformed,
   * the most expensive step of installing (most applications never load it).
   */
  private static final String FORK_JOIN_TASK = "java.util.concurrent.ForkJoinTask";

  private ConcurrencyInstrumenter() {}

  static void install(Instrumentation inst) {
    ClassFileLocator locator = ClassFileLocator.ForClassLoader.ofSystemLoader();
    // Advice is parsed when a class needs it: most applications load few of these classes.
    Supplier<Advice> wrapRunnable = lazy(PropagationAdvice.WrapRunnable.class, locator);
    Supplier<Advice> wrapCallable = lazy(PropagationAdvice.WrapCallable.class, locator);
    Supplier<Advice> captureArgument = lazy(PropagationAdvice.CaptureArgument.class, locator);
    ElementMatcher.Junction<MethodDescription> runnableFirst =
        ElementMatchers.not(ElementMatchers.isBridge())
            .and(takesArgument(0, Runnable.class))
            .and(ElementMatchers.not(takesArgument(0, Callable.class)));
    ElementMatcher.Junction<MethodDescription> callableFirst =
        ElementMatchers.not(ElementMatchers.isBridge()).and(takesArgument(0, Callable.class));
    ElementMatcher.Junction<MethodDescription> taskFirst =
        takesArguments(1).and(takesArgument(0, named(FORK_JOIN_TASK)));

    Map<String, ClassRewriter.Plan> plans = new HashMap<>();
    ClassRewriter.Plan execute =
        (b, t, l) ->
            b.visit(wrapRunnable.get().on(named("execute").and(takesArguments(Runnable.class))));
    plans.put("java/util/concurrent/ThreadPoolExecutor", execute);
    // CompletableFuture's async executor when the common pool has parallelism 1.
    plans.put("java/util/concurrent/CompletableFuture$ThreadPerTaskExecutor", execute);
    plans.put(
        "java/util/concurrent/ScheduledThreadPoolExecutor",
        (b, t, l) -> {
          ElementMatcher.Junction<MethodDescription> scheduling =
              namedOneOf("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay");
          return b.visit(wrapRunnable.get().on(scheduling.and(runnableFirst)))
              .visit(wrapCallable.get().on(scheduling.and(callableFirst)));
        });
    plans.put(
        "java/util/concurrent/ForkJoinPool",
        (b, t, l) -> {
          ElementMatcher.Junction<MethodDescription> handOver =
              namedOneOf("execute", "submit", "invoke").and(ElementMatchers.isPublic());
          return b.visit(wrapRunnable.get().on(handOver.and(runnableFirst).and(notTask())))
              .visit(wrapCallable.get().on(handOver.and(callableFirst)))
              .visit(captureArgument.get().on(handOver.and(taskFirst)));
        });
    plans.put(
        "java/util/concurrent/ForkJoinTask",
        (b, t, l) ->
            b.visit(
                    Advice.to(PropagationAdvice.CaptureThis.class, locator)
                        .on(named("fork").and(takesArguments(0))))
                .visit(
                    Advice.to(PropagationAdvice.RunCaptured.class, locator)
                        .on(named("doExec").and(takesArguments(0)))));
    plans.put(
        "java/lang/ThreadBuilders",
        (b, t, l) ->
            b.visit(
                Advice.to(PropagationAdvice.WrapVirtualThreadTask.class, locator)
                    .on(
                        named("newVirtualThread")
                            .and(takesArguments(4))
                            .and(takesArgument(3, Runnable.class)))));

    // The patched JDK classes call Propagation, on the boot class path outside any named module.
    Module javaBase = Object.class.getModule();
    inst.redefineModule(
        javaBase, Set.of(Propagation.class.getModule()), Map.of(), Map.of(), Set.of(), Map.of());
    inst.addTransformer(new JdkTransformer(plans), true);
    // Classes loaded before the transformer are retransformed; any loaded since it was added were
    // transformed as they loaded (retransforming those again is harmless).
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (c.getClassLoader() == null && plans.containsKey(c.getName().replace('.', '/'))) {
        try {
          inst.retransformClasses(c);
        } catch (Throwable t) {
          Diagnostics.report(Problem.TRANSFORM_ERROR, "retransforming " + c.getName(), t);
        }
      }
    }
  }

  /** Applies the plans to the JDK classes they name (boot loader only). */
  private static final class JdkTransformer implements ClassFileTransformer {
    private final Map<String, ClassRewriter.Plan> plans;

    JdkTransformer(Map<String, ClassRewriter.Plan> plans) {
      this.plans = plans;
    }

    @Override
    public byte[] transform(
        Module module,
        ClassLoader loader,
        String name,
        Class<?> classBeingRedefined,
        ProtectionDomain domain,
        byte[] bytes) {
      ClassRewriter.Plan plan = loader == null && name != null ? plans.get(name) : null;
      if (plan == null) {
        return null;
      }
      try {
        return ClassRewriter.rewrite(null, name, bytes, plan);
      } catch (Throwable t) {
        Diagnostics.report(Problem.TRANSFORM_ERROR, name, t);
        return null;
      }
    }
  }

  /** The advice of {@code type}, parsed once, on first use. */
  private static Supplier<Advice> lazy(Class<?> type, ClassFileLocator locator) {
    return new Supplier<>() {
      private Advice advice;

      @Override
      public synchronized Advice get() {
        if (advice == null) {
          advice = Advice.to(type, locator);
        }
        return advice;
      }
    };
  }

  /** {@code execute(ForkJoinTask)} is handled by capture, not by wrapping. */
  private static ElementMatcher.Junction<MethodDescription> notTask() {
    return ElementMatchers.not(takesArgument(0, named(FORK_JOIN_TASK)));
  }
}
