package dev.weave4j.agent.internal;

import dev.weave4j.internal.trace.OpDescriptor;
import dev.weave4j.internal.trace.OpRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Internal, unstable. Weaves {@link OpAdvice} (or {@link StreamingOpAdvice}'s exit for streaming
 * return shapes) into the ops of a class: each op's descriptor is built and registered once, and
 * its id inlined into the advice. The advice classes are parsed once, on first use.
 */
final class OpPlan implements ClassRewriter.Plan {

  private static final OpPlan INSTANCE = new OpPlan();

  private static final Advice.WithCustomMapping MAPPING =
      Advice.withCustomMapping().bind(OpId.class, new OpIdMapping());

  private final Object plainLock = new Object();
  private final Object streamingLock = new Object();
  private Advice advice;
  private Advice streamingAdvice;

  private OpPlan() {}

  static OpPlan get() {
    return INSTANCE;
  }

  /**
   * Parses the plain advice (also called by the warm-up thread, so the first woven class need not).
   */
  Advice advice() {
    synchronized (plainLock) {
      if (advice == null) {
        advice = MAPPING.to(OpAdvice.class, ClassFileLocator.ForClassLoader.ofSystemLoader());
      }
      return advice;
    }
  }

  /**
   * Parses the streaming advice, separately: a class without streaming ops need not wait for it.
   */
  Advice streamingAdvice() {
    synchronized (streamingLock) {
      if (streamingAdvice == null) {
        streamingAdvice =
            MAPPING.to(
                OpAdvice.class,
                StreamingOpAdvice.class,
                ClassFileLocator.ForClassLoader.ofSystemLoader());
      }
      return streamingAdvice;
    }
  }

  @Override
  public DynamicType.Builder<?> apply(
      DynamicType.Builder<?> builder,
      TypeDescription type,
      ClassLoader loader,
      Set<String> skipped) {
    Map<MethodDescription, OpMethods.OpSource> ops = OpMethods.resolve(type);
    if (ops.isEmpty()) {
      return null;
    }
    // Registered once per class: a retry (a method left out for its size) reuses the ids.
    Map<MethodDescription, Integer> ids = OpIdMapping.current();
    if (ids == null) {
      ids = new HashMap<>();
      boolean proxy = ProxyClasses.isProxy(type.getName());
      for (Map.Entry<MethodDescription, OpMethods.OpSource> e : ops.entrySet()) {
        OpDescriptor op =
            proxy
                ? OpDescriptors.ofProxy(type, e.getKey(), e.getValue(), loader)
                : OpDescriptors.of(type, e.getKey(), e.getValue(), loader);
        ids.put(e.getKey(), OpRegistry.register(op));
      }
      OpIdMapping.begin(ids);
    }
    Map<MethodDescription, Boolean> streaming = new HashMap<>();
    for (Map.Entry<MethodDescription, Integer> e : ids.entrySet()) {
      MethodDescription m = e.getKey();
      OpDescriptor op = OpRegistry.get(e.getValue());
      if (op != null && !skipped.contains(m.getInternalName() + m.getDescriptor())) {
        streaming.put(m, op.returnShape().streaming());
      }
    }
    DynamicType.Builder<?> advised = builder;
    if (streaming.containsValue(false)) {
      advised = advised.visit(advice().on(new Selected(streaming, false)));
    }
    if (streaming.containsValue(true)) {
      advised = advised.visit(streamingAdvice().on(new Selected(streaming, true)));
    }
    return advised;
  }

  /** {@code builder} with the plain advice on {@code methods}, without op ids (the warm-up). */
  DynamicType.Builder<?> adviseAll(
      DynamicType.Builder<?> builder, ElementMatcher<? super MethodDescription> methods) {
    return builder.visit(advice().on(methods));
  }

  /** The ops with (or without) a streaming return shape. */
  private record Selected(Map<MethodDescription, Boolean> streaming, boolean wanted)
      implements ElementMatcher<MethodDescription> {
    @Override
    public boolean matches(MethodDescription target) {
      Boolean s = streaming.get(target);
      return s != null && s == wanted;
    }
  }
}
