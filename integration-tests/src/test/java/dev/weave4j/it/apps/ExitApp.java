package dev.weave4j.it.apps;

import dev.weave4j.annotations.WeaveOp;

/**
 * Ends in the way its argument says: {@code exit} calls {@code System.exit(3)} after an op, {@code
 * exit-inside} calls it from inside an op, {@code throw} lets an exception escape {@code main}.
 */
public final class ExitApp {

  private ExitApp() {}

  public static void main(String[] args) {
    System.out.println("prepared: " + Lifecycle.prepare("job-7"));
    switch (args[0]) {
      case "exit":
        System.exit(3);
        break;
      case "exit-inside":
        Lifecycle.terminate(3);
        break;
      case "throw":
        throw new IllegalStateException("fatal: job-7");
      default:
        throw new IllegalArgumentException(args[0]);
    }
    System.out.println("not reached");
  }
}

final class Lifecycle {

  private Lifecycle() {}

  @WeaveOp
  static String prepare(String job) {
    return job + " ready";
  }

  @WeaveOp
  static void terminate(int code) {
    System.out.println("terminating with " + code);
    System.exit(code);
  }
}
