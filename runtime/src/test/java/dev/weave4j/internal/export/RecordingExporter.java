package dev.weave4j.internal.export;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** An exporter that remembers what it got; it can be told to hold or to fail batches. */
final class RecordingExporter implements Exporter {

  final List<CallRecord> exported = new CopyOnWriteArrayList<>();
  final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
  final AtomicInteger closes = new AtomicInteger();
  final AtomicInteger failuresLeft = new AtomicInteger();
  final CountDownLatch entered = new CountDownLatch(1);
  private volatile CountDownLatch gate;

  /** Makes every export wait until {@link #release()}. */
  void hold() {
    gate = new CountDownLatch(1);
  }

  void release() {
    CountDownLatch g = gate;
    if (g != null) {
      g.countDown();
    }
  }

  @Override
  public void export(List<CallRecord> batch) {
    entered.countDown();
    CountDownLatch g = gate;
    if (g != null) {
      try {
        g.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("export failed on purpose");
    }
    batchSizes.add(batch.size());
    exported.addAll(new ArrayList<>(batch));
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    closes.incrementAndGet();
  }

  List<String> ids() {
    return exported.stream().map(TestRecords::idOf).toList();
  }
}
