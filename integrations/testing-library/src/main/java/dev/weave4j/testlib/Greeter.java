package dev.weave4j.testlib;

/** Test library: what the testing integration matches (by interface). */
public interface Greeter {

  /** A greeting for {@code name}. */
  String greet(String name);
}
