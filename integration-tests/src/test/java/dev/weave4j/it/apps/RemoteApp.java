package dev.weave4j.it.apps;

import dev.weave4j.annotations.WeaveOp;

/**
 * Makes {@code args[0]} root calls (each with one child), printing how long the slowest traced call
 * took on the app thread after the first ten (which load classes), and the 99th percentile.
 */
public final class RemoteApp {

  private RemoteApp() {}

  /** One root call with its child. */
  public static String run(int i) {
    return Jobs.run(i);
  }

  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    long worst = 0;
    long first = 0;
    long[] micros = new long[Math.max(0, n - 10)];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      Jobs.run(i);
      long took = System.nanoTime() - t0;
      if (i < 10) {
        first = Math.max(first, took); // class loading and JIT warm-up
      } else {
        worst = Math.max(worst, took);
        micros[i - 10] = took / 1000;
      }
    }
    System.out.println("done " + n);
    System.out.println("warm-up micros " + first / 1000);
    System.out.println("slowest call micros " + worst / 1000);
    java.util.Arrays.sort(micros);
    System.out.println(
        "p99 call micros " + (micros.length == 0 ? 0 : micros[(int) (micros.length * 0.99)]));
  }
}

final class Jobs {

  private Jobs() {}

  @WeaveOp
  static String run(int i) {
    return step("job-" + i);
  }

  @WeaveOp
  static String step(String name) {
    return name + " done";
  }
}
