package dev.weave4j.it.apps;

import dev.weave4j.annotations.WeaveOp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@value #THREADS} threads, released together, each making {@value #TREES} trees of ops ({@code
 * handle} → 2 × {@code stage} → {@code leaf}) with its own request id, so that any cross-talk
 * between threads shows as a child under another request's root.
 */
public final class ThreadsApp {

  static final int THREADS = 16;
  static final int TREES = 50;

  private ThreadsApp() {}

  public static void main(String[] args) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    AtomicLong checksum = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      Thread worker =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                for (int r = 0; r < TREES; r++) {
                  checksum.addAndGet(Worker.handle(String.format("t%02d-r%02d", thread, r)));
                }
              },
              "worker-" + t);
      worker.start();
      threads.add(worker);
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    System.out.println("trees: " + THREADS * TREES + ", checksum: " + checksum.get());
  }
}

final class Worker {

  private Worker() {}

  @WeaveOp
  static long handle(String requestId) {
    return stage(requestId, 1) + stage(requestId, 2);
  }

  @WeaveOp
  static long stage(String requestId, int stage) {
    Thread.yield();
    return leaf(requestId + "/" + stage);
  }

  @WeaveOp
  static long leaf(String key) {
    return key.hashCode() & 0xffff;
  }
}
