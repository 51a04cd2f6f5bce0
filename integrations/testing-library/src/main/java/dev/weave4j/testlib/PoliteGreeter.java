package dev.weave4j.testlib;

/** Test library: an implementation the integration finds through {@link Greeter}. */
public final class PoliteGreeter implements Greeter {

  @Override
  public String greet(String name) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("no name");
    }
    return "Good day, " + name + ".";
  }
}
