package dev.weave4j.agent;

/** Placeholder. */
public final class WeaveAgent {
  private WeaveAgent() {}
}
