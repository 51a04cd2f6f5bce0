package dev.weave4j.agent.internal.proxied;

import dev.weave4j.annotations.WeaveOp;

/** A traced op an aspect's advice runs before it proceeds. */
public final class Audit {

  private Audit() {}

  @WeaveOp
  public static void before(String method) {}
}
