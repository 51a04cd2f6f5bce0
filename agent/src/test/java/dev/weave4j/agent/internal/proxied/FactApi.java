package dev.weave4j.agent.internal.proxied;

import dev.weave4j.annotations.WeaveOp;

/** A bean's interface, the ops declared on it. */
public interface FactApi {

  @WeaveOp
  String fact(String topic);
}
