package dev.weave4j.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import dev.weave4j.internal.trace.Propagation;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Internal, unstable. Propagates the tracing context across threads automatically: tasks given to
 * {@code ThreadPoolExecutor}, {@code ScheduledThreadPoolExecutor} and {@code ForkJoinPool} (the
 * common pool included, hence {@code CompletableFuture} async stages and parallel streams), forked
 * {@code ForkJoinTask}s, and virtual threads (JDK 21+) run under the context of the thread that
 * handed them over. Plain {@code new Thread} does not inherit it: pool workers are threads too, and
 * one created lazily inside a call must not carry that call forever.
 */
final class ConcurrencyInstrumenter {

  /** The classes patched, by internal name (matched by name: none is loaded to build this). */
  static final Set<String> PATCHED =
      Set.of(
          "java/util/concurrent/ThreadPoolExecutor",
          // CompletableFuture's async executor when the common pool has parallelism 1.
          "java/util/concurrent/CompletableFuture$ThreadPerTaskExecutor",
          "java/util/concurrent/ScheduledThreadPoolExecutor",
          "java/util/concurrent/ForkJoinPool",
          "java/util/concurrent/ForkJoinTask",
          "java/lang/ThreadBuilders");

  /**
   * By name: referring to the class would load it at start-up, and then it must be retransformed
   * (most applications never load it).
   */
  private static final String FORK_JOIN_TASK = "java.util.concurrent.ForkJoinTask";

  private ConcurrencyInstrumenter() {}

  static void install(Instrumentation inst) {
    // The patched JDK classes call Propagation, on the boot class path outside any named module.
    Module javaBase = Object.class.getModule();
    inst.redefineModule(
        javaBase, Set.of(Propagation.class.getModule()), Map.of(), Map.of(), Set.of(), Map.of());
    inst.addTransformer(new JdkTransformer(), true);
    // Classes loaded before the transformer are retransformed; any loaded since it was added were
    // transformed as they loaded (retransforming those again is harmless).
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (c.getClassLoader() == null && PATCHED.contains(c.getName().replace('.', '/'))) {
        try {
          inst.retransformClasses(c);
        } catch (Throwable t) {
          Diagnostics.report(Problem.TRANSFORM_ERROR, "retransforming " + c.getName(), t);
        }
      }
    }
  }

  /**
   * The advice of every patched class, chosen by its name. One class rather than a lambda per
   * class: a lambda is spun into a class when first used, about a millisecond each at start-up.
   */
  static final class Patches implements ClassRewriter.Plan {
    private static final Patches INSTANCE = new Patches();
    private Advice wrapRunnable;
    private Advice wrapCallable;
    private Advice wrapVirtualThreadTask;
    private Advice captureArgument;
    private Advice captureThis;
    private Advice runCaptured;

    /** Parses the advice once, when the first patched class is met. */
    private synchronized Patches prepare() {
      if (wrapRunnable == null) {
        ClassFileLocator locator = ClassFileLocator.ForClassLoader.ofSystemLoader();
        wrapCallable = Advice.to(PropagationAdvice.WrapCallable.class, locator);
        wrapVirtualThreadTask = Advice.to(PropagationAdvice.WrapVirtualThreadTask.class, locator);
        captureArgument = Advice.to(PropagationAdvice.CaptureArgument.class, locator);
        captureThis = Advice.to(PropagationAdvice.CaptureThis.class, locator);
        runCaptured = Advice.to(PropagationAdvice.RunCaptured.class, locator);
        wrapRunnable = Advice.to(PropagationAdvice.WrapRunnable.class, locator);
      }
      return this;
    }

    @Override
    public DynamicType.Builder<?> apply(
        DynamicType.Builder<?> b, TypeDescription type, ClassLoader loader, Set<String> skipped) {
      Patches p = prepare();
      ElementMatcher.Junction<MethodDescription> runnableFirst =
          not(isBridge())
              .and(takesArgument(0, Runnable.class))
              .and(not(takesArgument(0, Callable.class)));
      ElementMatcher.Junction<MethodDescription> callableFirst =
          not(isBridge()).and(takesArgument(0, Callable.class));
      return switch (type.getName()) {
        case "java.util.concurrent.ThreadPoolExecutor",
            "java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor" ->
            b.visit(p.wrapRunnable.on(named("execute").and(takesArguments(Runnable.class))));
        case "java.util.concurrent.ScheduledThreadPoolExecutor" -> {
          ElementMatcher.Junction<MethodDescription> scheduling =
              namedOneOf("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay");
          yield b.visit(p.wrapRunnable.on(scheduling.and(runnableFirst)))
              .visit(p.wrapCallable.on(scheduling.and(callableFirst)));
        }
        case "java.util.concurrent.ForkJoinPool" -> {
          ElementMatcher.Junction<MethodDescription> handOver =
              namedOneOf("execute", "submit", "invoke").and(isPublic());
          ElementMatcher.Junction<MethodDescription> taskFirst =
              takesArguments(1).and(takesArgument(0, named(FORK_JOIN_TASK)));
          yield b.visit(
                  p.wrapRunnable.on(
                      handOver
                          .and(runnableFirst)
                          .and(not(takesArgument(0, named(FORK_JOIN_TASK))))))
              .visit(p.wrapCallable.on(handOver.and(callableFirst)))
              .visit(p.captureArgument.on(handOver.and(taskFirst)));
        }
        case "java.util.concurrent.ForkJoinTask" ->
            // No arguments, any return type: doExec returns int up to JDK 24, void since.
            b.visit(p.captureThis.on(named("fork").and(takesArguments(0))))
                .visit(p.runCaptured.on(named("doExec").and(takesArguments(0))));
        case "java.lang.ThreadBuilders" ->
            b.visit(
                p.wrapVirtualThreadTask.on(
                    named("newVirtualThread")
                        .and(takesArguments(4))
                        .and(takesArgument(3, Runnable.class))));
        default -> null;
      };
    }
  }

  /** Applies the patches to the JDK classes they name (boot loader only). */
  private static final class JdkTransformer implements ClassFileTransformer {
    @Override
    public byte[] transform(
        Module module,
        ClassLoader loader,
        String name,
        Class<?> classBeingRedefined,
        ProtectionDomain domain,
        byte[] bytes) {
      if (loader != null || name == null || !PATCHED.contains(name)) {
        return null;
      }
      try {
        return ClassRewriter.rewrite(null, name, bytes, Patches.INSTANCE);
      } catch (Throwable t) {
        Diagnostics.report(Problem.TRANSFORM_ERROR, name, t);
        return null;
      }
    }
  }
}
