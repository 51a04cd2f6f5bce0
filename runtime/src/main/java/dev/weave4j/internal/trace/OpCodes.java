package dev.weave4j.internal.trace;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Internal, unstable. Where each op's code lives, registered when the op's method is instrumented
 * and read when the op is published: the declaring class, the Java signature and the class loader
 * that may hold the source ({@code Foo.java} on the class path). Nothing here runs per call.
 */
public final class OpCodes {

  /** One op's code location. */
  public record OpCode(
      String className, String methodName, String signature, WeakReference<ClassLoader> loader) {}

  private static final Map<String, OpCode> CODES = new ConcurrentHashMap<>();

  private OpCodes() {}

  /** Registers the code of op {@code opName} (the first registration of a name wins). */
  public static void register(
      String opName, String className, String methodName, String signature, ClassLoader loader) {
    CODES.putIfAbsent(
        opName, new OpCode(className, methodName, signature, new WeakReference<>(loader)));
  }

  /** The code of {@code opName}, or null for ops without a method (manual and lambda ops). */
  public static OpCode get(String opName) {
    return CODES.get(opName);
  }
}
