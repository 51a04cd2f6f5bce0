package dev.weave4j.testlib;

/**
 * Test library: the testing integration expects a method {@code count(int)} here, which "this
 * version" of the library does not have (it has {@link #add}): the integration must skip the loader
 * with one diagnostic line and leave the class working.
 */
public final class Tally {

  private int total;

  /** Adds {@code n}; returns the total. */
  public int add(int n) {
    total += n;
    return total;
  }
}
