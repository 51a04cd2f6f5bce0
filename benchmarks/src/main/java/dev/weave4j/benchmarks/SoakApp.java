package dev.weave4j.benchmarks;

import dev.weave4j.annotations.WeaveOp;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The application of {@link SoakHarness}: root calls (each with one child) at a steady rate for a
 * while, run under the agent in remote mode. Prints {@code heap <seconds> <used bytes>} every five
 * seconds and {@code made <roots>} at the end.
 *
 * <p>Arguments: {@code <seconds> <roots per second>}.
 */
public final class SoakApp {

  private SoakApp() {}

  public static void main(String[] args) {
    long seconds = Long.parseLong(args[0]);
    long rate = Long.parseLong(args[1]);
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    long nextSample = start;
    long made = 0;
    Runtime rt = Runtime.getRuntime();
    for (long next = start; next < end; next += interval) {
      long now = System.nanoTime();
      if (next > now) {
        LockSupport.parkNanos(next - now);
      }
      Job.run(made++);
      if (System.nanoTime() >= nextSample) {
        System.out.println(
            "heap "
                + TimeUnit.NANOSECONDS.toSeconds(nextSample - start)
                + " "
                + (rt.totalMemory() - rt.freeMemory()));
        nextSample += TimeUnit.SECONDS.toNanos(5);
      }
    }
    System.out.println("made " + made);
  }

  static final class Job {
    private Job() {}

    @WeaveOp
    static String run(long i) {
      return Step.step("job " + i);
    }
  }

  static final class Step {
    private Step() {}

    @WeaveOp
    static String step(String name) {
      return name + " done";
    }
  }
}
