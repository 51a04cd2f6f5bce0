package dev.weave4j.internal.trace;

import java.util.Arrays;

/**
 * Internal, unstable. Ops by the int id the agent bakes into each instrumented method, so that the
 * advice finds its descriptor with one array read.
 */
public final class OpRegistry {

  private static final Object LOCK = new Object();
  private static volatile OpDescriptor[] ops = new OpDescriptor[256];
  private static int size;

  private OpRegistry() {}

  /** Registers {@code op} and returns its id. */
  public static int register(OpDescriptor op) {
    synchronized (LOCK) {
      OpDescriptor[] current = ops;
      if (size == current.length) {
        current = Arrays.copyOf(current, current.length * 2);
      }
      current[size] = op;
      ops = current;
      return size++;
    }
  }

  /** The op with {@code id}, or null. */
  public static OpDescriptor get(int id) {
    OpDescriptor[] current = ops;
    return id >= 0 && id < current.length ? current[id] : null;
  }
}
