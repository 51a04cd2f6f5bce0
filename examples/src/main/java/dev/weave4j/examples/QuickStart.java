package dev.weave4j.examples;

/** Placeholder. */
public final class QuickStart {
  private QuickStart() {}

  /** Entry point. */
  public static void main(String[] args) {}
}
