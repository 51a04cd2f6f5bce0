package dev.weave4j.benchmarks;

import dev.weave4j.annotations.WeaveOp;
import io.opentelemetry.instrumentation.annotations.WithSpan;

/** The start-up harness's application: prints a greeting made by one traced method, and exits. */
public final class HelloWorld {

  private HelloWorld() {}

  /** Builds the greeting (traced by whichever agent is there). */
  @WeaveOp
  @WithSpan
  static String greet(String name) {
    return "Hello, " + name + "!";
  }

  /** Prints the greeting. */
  public static void main(String[] args) {
    System.out.println(greet("world"));
  }
}
