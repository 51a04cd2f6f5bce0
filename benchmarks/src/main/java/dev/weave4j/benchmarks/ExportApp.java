package dev.weave4j.benchmarks;

import dev.weave4j.Weave;
import dev.weave4j.annotations.WeaveOp;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;

/**
 * The export harness's application, run under the agent: makes traced calls at given rates and
 * prints one {@code key=value} line per phase for {@link ExportHarness}.
 *
 * <ul>
 *   <li>{@code ladder <seconds per step> <rate>...}: each rate (calls/s) for a step, then a flush;
 *       stops after the first step with a drop;
 *   <li>{@code flatout <seconds>}: calls as fast as one thread can, then a flush;
 *   <li>{@code steady <seconds> <rate>}: the heap high-water mark at a steady rate.
 * </ul>
 */
public final class ExportApp {

  private static long sink;

  private ExportApp() {}

  /** One traced call: small arguments and a small output, like a typical tool call. */
  @WeaveOp
  static int record(long i, String query) {
    return (int) i + query.length();
  }

  /** Runs the phase named by {@code args[0]}. */
  public static void main(String[] args) throws InterruptedException {
    switch (args[0]) {
      case "ladder" -> {
        double seconds = Double.parseDouble(args[1]);
        for (int i = 2; i < args.length; i++) {
          long rate = Long.parseLong(args[i]);
          long drops0 = BenchStats.count("QUEUE_FULL");
          long errors0 = BenchStats.count("TRACER_ERROR");
          long t0 = System.nanoTime();
          long calls = paced(rate, seconds);
          double elapsed = (System.nanoTime() - t0) / 1e9;
          long f0 = System.nanoTime();
          Weave.flush();
          double drainMs = (System.nanoTime() - f0) / 1e6;
          long drops = BenchStats.count("QUEUE_FULL") - drops0;
          System.out.printf(
              "ladder rate=%d achieved=%.0f calls=%d drops=%d errors=%d drainMs=%.1f%n",
              rate,
              calls / elapsed,
              calls,
              drops,
              BenchStats.count("TRACER_ERROR") - errors0,
              drainMs);
          if (drops > 0 || calls / elapsed < 0.9 * rate) {
            break; // dropping, or the application thread cannot make calls this fast
          }
        }
      }
      case "flatout" -> {
        double seconds = Double.parseDouble(args[1]);
        long drops0 = BenchStats.count("QUEUE_FULL");
        long t0 = System.nanoTime();
        long calls = 0;
        long end = t0 + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
          for (int k = 0; k < 1000; k++) {
            sink += record(calls++, "what is weave?");
          }
        }
        double callSeconds = (System.nanoTime() - t0) / 1e9;
        Weave.flush();
        double totalSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            "flatout calls=%d callSeconds=%.3f totalSeconds=%.3f drops=%d errors=%d%n",
            calls,
            callSeconds,
            totalSeconds,
            BenchStats.count("QUEUE_FULL") - drops0,
            BenchStats.count("TRACER_ERROR"));
      }
      case "steady" -> {
        double seconds = Double.parseDouble(args[1]);
        long rate = Long.parseLong(args[2]);
        paced(rate, Math.min(1, seconds / 4)); // warm-up: classes loaded, JIT compiled
        Weave.flush();
        System.gc();
        List<MemoryPoolMXBean> pools = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
          if (pool.getType() == MemoryType.HEAP) {
            pool.resetPeakUsage();
            pools.add(pool);
          }
        }
        HeapSampler sampler = new HeapSampler();
        sampler.start();
        long drops0 = BenchStats.count("QUEUE_FULL");
        long calls = paced(rate, seconds);
        sampler.stop = true;
        sampler.join();
        long oldPeak = 0;
        for (MemoryPoolMXBean pool : pools) {
          if (pool.getName().contains("Old")) {
            oldPeak = pool.getPeakUsage().getUsed();
          }
        }
        System.out.printf(
            "steady rate=%d calls=%d heapPeakBytes=%d oldGenPeakBytes=%d drops=%d%n",
            rate, calls, sampler.peak, oldPeak, BenchStats.count("QUEUE_FULL") - drops0);
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
    System.out.println("sink=" + (sink & 1));
  }

  /** Calls {@link #record} {@code rate} times a second for {@code seconds}; returns the calls. */
  private static long paced(long rate, double seconds) {
    long t0 = System.nanoTime();
    long duration = (long) (seconds * 1e9);
    long done = 0;
    long now;
    while ((now = System.nanoTime()) - t0 < duration) {
      long due = (long) ((now - t0) * (rate / 1e9));
      while (done < due) {
        sink += record(done++, "what is weave?");
      }
    }
    return done;
  }

  /** Samples the used heap every millisecond. */
  private static final class HeapSampler extends Thread {
    volatile boolean stop;
    long peak;

    HeapSampler() {
      super("heap-sampler");
      setDaemon(true);
    }

    @Override
    public void run() {
      var memory = ManagementFactory.getMemoryMXBean();
      while (!stop) {
        peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
