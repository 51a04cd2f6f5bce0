package dev.weave4j.benchmarks;

import dev.weave4j.Weave;
import dev.weave4j.annotations.WeaveOp;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The export harness's application, run under the agent: makes traced calls at given rates and
 * prints one {@code key=value} line per phase for {@link ExportHarness}.
 *
 * <ul>
 *   <li>{@code ladder <seconds per step> <rate>...}: each rate (calls/s) for a step, then a flush;
 *       stops after the first step with a drop (or a spill to the spool); a {@code
 *       warmup=<seconds>@<rate>} argument is an unreported step;
 *   <li>{@code flatout <seconds>}: calls as fast as one thread can, then a flush;
 *   <li>{@code steady <seconds> <rate>}: the heap high-water mark at a steady rate;
 *   <li>{@code outage <seconds> <rate>}: the same while the trace server is down (remote mode),
 *       then how long until the server holds every call once it is back.
 * </ul>
 *
 * <p>In remote mode ({@code weave.server_url} set), {@code ladder} and {@code outage} end by
 * waiting until the server's {@code /calls/query_stats} count for {@link #REMOTE_PROJECT} is the
 * number of calls made, and print it.
 */
public final class ExportApp {

  /** The project of the remote-mode runs. */
  static final String REMOTE_PROJECT = "bench/export";

  private static final long PACING_NANOS = 200_000;
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
        long total = 0;
        for (int i = 2; i < args.length; i++) {
          if (args[i].startsWith("warmup=")) { // warmup=<seconds>@<rate>: JIT, connections, ops
            String[] w = args[i].substring(7).split("@");
            long spooled0 = BenchStats.count("REMOTE_SPOOLED");
            long calls = paced(Long.parseLong(w[1]), Double.parseDouble(w[0]));
            total += calls;
            long f0 = System.nanoTime();
            Weave.flush();
            System.out.printf(
                "warmup calls=%d spooled=%d drainMs=%.1f%n",
                calls,
                BenchStats.count("REMOTE_SPOOLED") - spooled0,
                (System.nanoTime() - f0) / 1e6);
            continue;
          }
          long rate = Long.parseLong(args[i]);
          long spooled0 = BenchStats.count("REMOTE_SPOOLED");
          long drops0 = BenchStats.count("QUEUE_FULL");
          long errors0 = BenchStats.count("TRACER_ERROR");
          long t0 = System.nanoTime();
          long calls = paced(rate, seconds);
          total += calls;
          double elapsed = (System.nanoTime() - t0) / 1e9;
          long f0 = System.nanoTime();
          Weave.flush();
          double drainMs = (System.nanoTime() - f0) / 1e6;
          long drops = BenchStats.count("QUEUE_FULL") - drops0;
          long spooled = BenchStats.count("REMOTE_SPOOLED") - spooled0;
          System.out.printf(
              "ladder rate=%d achieved=%.0f calls=%d drops=%d spooled=%d errors=%d drainMs=%.1f%n",
              rate,
              calls / elapsed,
              calls,
              drops,
              spooled,
              BenchStats.count("TRACER_ERROR") - errors0,
              drainMs);
          if (drops > 0 || spooled > 0 || calls / elapsed < 0.9 * rate) {
            break; // dropping or spilling, or the application thread cannot make calls this fast
          }
        }
        // Records dropped in the last step never arrive: stop once the count stays put.
        awaitServer(total, 0, 120, 5);
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
      case "steady", "outage" -> {
        double seconds = Double.parseDouble(args[1]);
        long rate = Long.parseLong(args[2]);
        long warmup =
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
        if (args[0].equals("outage")) {
          Weave.flush(); // into the spool: part of what the outage costs
        }
        sampler.stop = true;
        sampler.join();
        long oldPeak = 0;
        for (MemoryPoolMXBean pool : pools) {
          if (pool.getName().contains("Old")) {
            oldPeak = pool.getPeakUsage().getUsed();
          }
        }
        System.out.printf(
            "%s rate=%d calls=%d heapPeakBytes=%d oldGenPeakBytes=%d drops=%d spooled=%d"
                + " lost=%d%n",
            args[0],
            rate,
            calls,
            sampler.peak,
            oldPeak,
            BenchStats.count("QUEUE_FULL") - drops0,
            BenchStats.count("REMOTE_SPOOLED"),
            BenchStats.count("QUEUE_FULL")
                + BenchStats.count("EXPORT_FAILED")
                + BenchStats.count("REMOTE_REJECTED"));
        if (args[0].equals("outage")) {
          awaitServer(warmup + calls, 120, Double.parseDouble(args[3]), 0);
        }
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
    System.out.println("sink=" + (sink & 1));
  }

  /**
   * Remote mode: waits up to {@code upSeconds} for the server to answer, then up to {@code
   * arriveSeconds} for it to count {@code expected} calls (or, when {@code stableSeconds} > 0,
   * until the count stays the same that long), and prints what it counted and when.
   */
  private static void awaitServer(
      long expected, double upSeconds, double arriveSeconds, double stableSeconds)
      throws InterruptedException {
    String url = System.getProperty("weave.server_url");
    if (url == null) {
      return;
    }
    long t0 = System.nanoTime();
    long count;
    while ((count = ServeProcess.count(url, REMOTE_PROJECT)) < 0
        && System.nanoTime() - t0 < upSeconds * 1e9) {
      Thread.sleep(50);
    }
    long up = System.nanoTime();
    long changed = up;
    while (count != expected
        && System.nanoTime() - up < arriveSeconds * 1e9
        && (stableSeconds <= 0 || System.nanoTime() - changed < stableSeconds * 1e9)) {
      Weave.flush();
      Thread.sleep(100);
      long now = ServeProcess.count(url, REMOTE_PROJECT);
      if (now != count) {
        changed = System.nanoTime();
      }
      count = now;
    }
    System.out.printf(
        "arrived count=%d expected=%d upAfterMs=%.0f arrivedAfterMs=%.0f%n",
        count, expected, (up - t0) / 1e6, (System.nanoTime() - up) / 1e6);
  }

  /**
   * Calls {@link #record} {@code rate} times a second for {@code seconds}, in slices of about 0.2
   * ms; returns the calls.
   */
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
      // Wait rather than spin between slices: an application does not burn a core while idle,
      // and on 2 cores a spinning caller would starve the exporter (and a local server).
      LockSupport.parkNanos(PACING_NANOS);
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
