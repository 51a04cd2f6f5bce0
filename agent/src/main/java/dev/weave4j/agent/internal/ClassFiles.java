package dev.weave4j.agent.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Internal, unstable. Reads class files as resources of a class loader, so that supertypes can be
 * looked at while a class is being transformed without loading them (loading a class from inside a
 * transformer can deadlock or fail with {@code ClassCircularityError}). {@code .class} resources
 * are never encapsulated by modules, so the JDK's own are readable too.
 */
final class ClassFiles {

  private ClassFiles() {}

  /** The class file of {@code internalName} as {@code loader} sees it, or null. Never throws. */
  static byte[] bytes(ClassLoader loader, String internalName) {
    ClassLoader from = loader != null ? loader : ClassLoader.getSystemClassLoader();
    try (InputStream in = from.getResourceAsStream(internalName + ".class")) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }
}
