package dev.weave4j.internal.trace;

import java.util.Map;

/** Test access to the package-private input binding of an {@link OpDescriptor}. */
public final class OpDescriptorAccess {

  private OpDescriptorAccess() {}

  /** The inputs {@code op} records for a call with {@code args}. */
  public static Map<String, Object> bind(OpDescriptor op, Object... args) {
    return op.bindInputs(args);
  }
}
