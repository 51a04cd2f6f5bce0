package dev.weave4j.agent.internal;

import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import dev.weave4j.internal.trace.Propagation;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Internal, unstable. Propagates the tracing context across threads automatically: tasks given to
 * {@code ThreadPoolExecutor}, {@code ScheduledThreadPoolExecutor} and {@code ForkJoinPool} (the
 * common pool included, hence {@code CompletableFuture} async stages and parallel streams), forked
 * {@code ForkJoinTask}s, and virtual threads (JDK 21+) run under the context of the thread that
 * handed them over. Plain {@code new Thread} does not inherit it: pool workers are threads too, and
 * one created lazily inside a call must not carry that call forever.
 */
final class ConcurrencyInstrumenter {

  private static final String RUNNABLE_TO_VOID = "(Ljava/lang/Runnable;)V";
  private static final String FORK_JOIN_TASK = "Ljava/util/concurrent/ForkJoinTask;";
  private static final Set<String> SCHEDULING =
      Set.of("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay");
  private static final Set<String> HAND_OVER = Set.of("execute", "submit", "invoke");

  private ConcurrencyInstrumenter() {}

  /** The classes patched, by internal name (matched by name: none is loaded to build this). */
  static Map<String, ClassRewriter.Advisor> plans() {
    Map<String, ClassRewriter.Advisor> plans = new HashMap<>();
    for (String name :
        new String[] {
          "java/util/concurrent/ThreadPoolExecutor",
          // CompletableFuture's async executor when the common pool has parallelism 1.
          "java/util/concurrent/CompletableFuture$ThreadPerTaskExecutor",
          "java/util/concurrent/ScheduledThreadPoolExecutor",
          "java/util/concurrent/ForkJoinPool",
          "java/util/concurrent/ForkJoinTask",
          "java/lang/ThreadBuilders"
        }) {
      plans.put(name, PATCHES);
    }
    return plans;
  }

  /**
   * The advice of every patched class, chosen by its name. One class rather than a lambda per plan:
   * a lambda is spun into a class when first used, about a millisecond each at start-up.
   */
  private static final ClassRewriter.Advisor PATCHES =
      new ClassRewriter.Advisor() {
        @Override
        public MethodVisitor advise(MethodVisitor next, ClassInfo type, ClassInfo.MethodInfo m) {
          return switch (type.name()) {
            case "java/util/concurrent/ThreadPoolExecutor",
                "java/util/concurrent/CompletableFuture$ThreadPerTaskExecutor" ->
                m.name().equals("execute") && m.descriptor().equals(RUNNABLE_TO_VOID)
                    ? PropagationAdvice.wrapArgument(next, m.access(), m.descriptor(), 0)
                    : next;
            case "java/util/concurrent/ScheduledThreadPoolExecutor" ->
                SCHEDULING.contains(m.name())
                        && !m.is(Opcodes.ACC_BRIDGE)
                        && PropagationAdvice.isTask(m.descriptor(), 0)
                    ? PropagationAdvice.wrapArgument(next, m.access(), m.descriptor(), 0)
                    : next;
            case "java/util/concurrent/ForkJoinPool" -> forkJoinPool(next, m);
            case "java/util/concurrent/ForkJoinTask" -> forkJoinTask(next, type, m);
            case "java/lang/ThreadBuilders" ->
                m.name().equals("newVirtualThread")
                        && Type.getArgumentTypes(m.descriptor()).length == 4
                        && PropagationAdvice.isTask(m.descriptor(), 3)
                    ? PropagationAdvice.wrapArgument(next, m.access(), m.descriptor(), 3)
                    : next;
            default -> next;
          };
        }
      };

  private static MethodVisitor forkJoinPool(MethodVisitor next, ClassInfo.MethodInfo m) {
    if (!HAND_OVER.contains(m.name()) || !m.is(Opcodes.ACC_PUBLIC) || m.is(Opcodes.ACC_BRIDGE)) {
      return next;
    }
    if (PropagationAdvice.isTask(m.descriptor(), 0)) {
      return PropagationAdvice.wrapArgument(next, m.access(), m.descriptor(), 0);
    }
    Type[] parameters = Type.getArgumentTypes(m.descriptor());
    return parameters.length == 1 && parameters[0].getDescriptor().equals(FORK_JOIN_TASK)
        ? PropagationAdvice.captureArgument(next, m.access())
        : next;
  }

  private static MethodVisitor forkJoinTask(
      MethodVisitor next, ClassInfo type, ClassInfo.MethodInfo m) {
    // No arguments, any return type: doExec returns int up to JDK 24, void since.
    boolean noArguments = m.descriptor().startsWith("()");
    if (m.name().equals("fork") && noArguments) {
      return PropagationAdvice.captureThis(next);
    }
    return m.name().equals("doExec") && noArguments
        ? PropagationAdvice.runCaptured(next, type, m)
        : next;
  }

  static void install(Instrumentation inst) {
    Map<String, ClassRewriter.Advisor> plans = plans();
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
    private final Map<String, ClassRewriter.Advisor> plans;

    JdkTransformer(Map<String, ClassRewriter.Advisor> plans) {
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
      ClassRewriter.Advisor plan = loader == null && name != null ? plans.get(name) : null;
      if (plan == null) {
        return null;
      }
      try {
        return ClassRewriter.rewrite(bytes, ClassInfo.read(bytes), plan);
      } catch (Throwable t) {
        Diagnostics.report(Problem.TRANSFORM_ERROR, name, t);
        return null;
      }
    }
  }
}
