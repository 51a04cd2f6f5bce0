package dev.weave4j.it.apps.propagation;

import dev.weave4j.Weave;
import dev.weave4j.annotations.WeaveOp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/** Hands work to other threads in every way the agent propagates the call context through. */
public final class PropagationApp {

  private PropagationApp() {}

  /** A unit of work; its input says how it got to its thread. */
  @WeaveOp
  static int work(String via, int n) {
    return n;
  }

  @WeaveOp
  static void automatic() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    for (int i = 0; i < 2; i++) {
      int n = i;
      pool.submit(() -> work("pool", n)).get();
    }
    pool.shutdown();
    ScheduledExecutorService scheduled = Executors.newScheduledThreadPool(1);
    scheduled.schedule(() -> work("scheduled", 0), 1, TimeUnit.MILLISECONDS).get();
    scheduled.shutdown();
    CompletableFuture.supplyAsync(() -> work("cf-async", 0))
        .thenApplyAsync(n -> work("cf-then-async", n))
        .get();
    IntStream.range(0, 4).parallel().forEach(i -> work("parallel", i));
    if (Runtime.version().feature() >= 21) {
      Thread virtual =
          (Thread)
              Thread.class
                  .getMethod("startVirtualThread", Runnable.class)
                  .invoke(null, (Runnable) () -> work("virtual", 0));
      virtual.join();
    }
    Thread plain = new Thread(() -> work("plain-thread", 0));
    plain.start();
    plain.join();
  }

  /** The seed's ThreadPoolExecutor example: one parent, five children. */
  @WeaveOp
  static List<Integer> explicit() throws Exception {
    ExecutorService pool = Weave.contextAware(Executors.newFixedThreadPool(5));
    List<Future<Integer>> futures = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      futures.add(pool.submit(() -> work("context-aware", n)));
    }
    List<Integer> out = new ArrayList<>();
    for (Future<Integer> f : futures) {
      out.add(f.get());
    }
    pool.shutdown();
    return out;
  }

  @WeaveOp
  static int request(int id, ExecutorService shared) throws Exception {
    List<Future<Integer>> futures = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int n = id * 100 + i;
      futures.add(shared.submit(() -> work("request-" + id, n)));
    }
    int sum = 0;
    for (Future<Integer> f : futures) {
      sum += f.get();
    }
    return sum;
  }

  /** 64 threads, each a root that fans out to one shared pool. */
  static void stress() throws Exception {
    ExecutorService shared = Executors.newFixedThreadPool(8);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 64; t++) {
      int id = t;
      Thread thread =
          new Thread(
              () -> {
                try {
                  request(id, shared);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    shared.shutdown();
  }

  /** Runs all three scenarios. */
  public static void main(String[] args) throws Exception {
    automatic();
    System.out.println("explicit " + explicit());
    stress();
    System.out.println("done");
  }
}
