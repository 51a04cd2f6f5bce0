package dev.weave4j.it.apps;

import dev.weave4j.annotations.WeaveOp;

/** The smallest traced app: one op, one line of output. */
public final class HelloApp {

  private HelloApp() {}

  public static void main(String[] args) {
    System.out.println(Hello.greet("weave"));
  }
}

final class Hello {

  private Hello() {}

  @WeaveOp
  static String greet(String name) {
    return "hello, " + name;
  }
}
