package dev.weave4j.agent.internal;

import dev.weave4j.internal.Diagnostics;
import java.util.Set;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Internal, unstable. Loads and initializes Byte Buddy's classes on a daemon thread started at
 * install time, so that the first class woven on the application's thread does not pay for them:
 * parses the advice and, unless an application class is already being woven, weaves {@link Shape}
 * (whose result is thrown away) through the same path as an application class, with no op id (so
 * nothing is registered or traced).
 */
final class WarmUp implements Runnable, ClassRewriter.Plan {

  /** Set once an application class is being woven: practising the same path would only compete. */
  private static volatile boolean overtaken;

  private WarmUp() {}

  /**
   * Called when the first application class is woven: if the advice is not parsed yet, the thread
   * still finishes parsing it (the woven class waits for it) but skips weaving its practice class,
   * whose work the application's thread is doing by then (on a busy machine it only took CPU away).
   */
  static void overtaken() {
    if (!overtaken) {
      overtaken = true;
    }
  }

  static void start() {
    Thread t = new Thread(new WarmUp(), "weave4j-warm-up");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  @Override
  public void run() {
    try {
      OpPlan.get().advice();
      ClassLoader loader = WarmUp.class.getClassLoader();
      String name = Shape.class.getName().replace('.', '/');
      byte[] bytes = overtaken ? null : ClassFiles.bytes(loader, name);
      if (bytes != null) {
        ClassRewriter.rewrite(loader, name, bytes, this);
      }
    } catch (Throwable t) {
      Diagnostics.log().fine("weave4j: warm-up failed: " + t);
    }
  }

  @Override
  public DynamicType.Builder<?> apply(
      DynamicType.Builder<?> builder,
      TypeDescription type,
      ClassLoader loader,
      Set<String> skipped) {
    return OpPlan.get().adviseAll(builder, ElementMatchers.isMethod());
  }

  /** A class woven for practice: a few return shapes. */
  @SuppressWarnings("unused")
  static final class Shape {
    long wide(long a, double b) {
      return a + (long) b;
    }

    String text(String s) {
      return s.isEmpty() ? null : s;
    }

    void nothing() {}
  }
}
