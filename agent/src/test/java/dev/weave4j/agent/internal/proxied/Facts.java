package dev.weave4j.agent.internal.proxied;

import dev.weave4j.annotations.WeaveOp;

/** A user's bean, as it is written (its proxies are generated next to it). */
public class Facts {

  @WeaveOp
  public String fact(String topic) {
    return lookup(topic);
  }

  @WeaveOp
  public String lookup(String topic) {
    return "a fact about " + topic;
  }

  @WeaveOp
  public int countdown(int n) {
    return n == 0 ? 0 : 1 + countdown(n - 1);
  }
}
