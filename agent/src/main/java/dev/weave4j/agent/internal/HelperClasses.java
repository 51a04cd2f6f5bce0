package dev.weave4j.agent.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.ProtectionDomain;
import java.util.Map;

/**
 * Internal, unstable. Defines an integration's helper classes in an application class loader with
 * that loader's own {@code defineClass}. Byte Buddy's {@code ClassInjector.UsingReflection} reaches
 * it through {@code sun.misc.Unsafe} on JDK 9+, which the agent never uses (JDK 24+ warns about
 * it); here {@code java.lang} is opened to the agent once ({@link Integrations}) and the method is
 * looked up with a private lookup instead.
 */
final class HelperClasses {

  private static MethodHandle defineClass;

  private HelperClasses() {}

  /** Defines {@code classes} (binary name to class file), in order, in {@code loader}. */
  static synchronized void define(ClassLoader loader, Map<String, byte[]> classes)
      throws Throwable {
    if (defineClass == null) {
      defineClass =
          MethodHandles.privateLookupIn(ClassLoader.class, MethodHandles.lookup())
              .findVirtual(
                  ClassLoader.class,
                  "defineClass",
                  MethodType.methodType(
                      Class.class,
                      String.class,
                      byte[].class,
                      int.class,
                      int.class,
                      ProtectionDomain.class));
    }
    for (Map.Entry<String, byte[]> c : classes.entrySet()) {
      byte[] bytes = c.getValue();
      Class<?> unused =
          (Class<?>) defineClass.invoke(loader, c.getKey(), bytes, 0, bytes.length, null);
    }
  }
}
