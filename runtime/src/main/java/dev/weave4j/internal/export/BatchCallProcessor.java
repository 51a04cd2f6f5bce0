package dev.weave4j.internal.export;

import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Internal, unstable. A lock-free queue bounded by bytes, drained in batches by one daemon thread.
 * Application threads only append (and wake the worker once a batch is full); when the bound is
 * reached records are dropped and counted, never blocked on.
 */
public final class BatchCallProcessor implements CallProcessor {

  static final int MAX_BATCH = 512;
  private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final Exporter exporter;
  private final int maxBatch;
  private final long maxQueueBytes;
  private final ConcurrentLinkedQueue<CallRecord> queue = new ConcurrentLinkedQueue<>();
  private final AtomicLong pendingBytes = new AtomicLong();
  private final AtomicLong submitted = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Thread worker;
  private final Exporter overflow;
  private final Thread spiller;
  private final long spillAbove;
  private final String fullMessage;
  private final String omittedMessage;
  private volatile boolean running = true;

  /**
   * @param exporter where batches go
   * @param maxQueueBytes bound of pending records, in bytes
   */
  public BatchCallProcessor(Exporter exporter, long maxQueueBytes) {
    this(exporter, maxQueueBytes, null);
  }

  /**
   * @param exporter where batches go
   * @param maxQueueBytes bound of pending records, in bytes
   * @param overflow where records go, from a second thread, while the queue is more than three
   *     quarters full (e.g. a spool on disk while the exporter waits for a server); null to drop
   *     records beyond the bound instead
   */
  public BatchCallProcessor(Exporter exporter, long maxQueueBytes, Exporter overflow) {
    this.exporter = exporter;
    this.maxBatch = Math.max(1, Math.min(10_000, exporter.maxBatch()));
    this.maxQueueBytes = maxQueueBytes;
    this.overflow = overflow;
    this.spillAbove = maxQueueBytes / 4 * 3;
    this.fullMessage =
        "the exporter is behind by " + maxQueueBytes + " bytes; raise weave.max_queue_bytes";
    this.omittedMessage =
        "a call's inputs or output were larger than the room left in the "
            + maxQueueBytes
            + "-byte queue (weave.max_queue_bytes)";
    this.worker = new Thread(this::work, "weave4j-exporter");
    worker.setDaemon(true);
    worker.start();
    if (overflow != null) {
      spiller = new Thread(this::spill, "weave4j-spill");
      spiller.setDaemon(true);
      spiller.start();
    } else {
      spiller = null;
    }
  }

  @Override
  public boolean submit(CallRecord record) {
    if (stopped.get()) {
      Diagnostics.report(Problem.QUEUE_FULL, "record submitted after shutdown", null);
      return false;
    }
    // The end of a call whose start was accepted may use a quarter more, and as a size marker half
    // more: no call is left open.
    boolean end = record instanceof EndRecord;
    long bound = end ? maxQueueBytes + maxQueueBytes / 4 : maxQueueBytes;
    if (offer(record, bound)) {
      return true;
    }
    CallRecord slim = record.withoutValues();
    if (slim != record && offer(slim, end ? maxQueueBytes + maxQueueBytes / 2 : bound)) {
      Diagnostics.report(Problem.VALUE_OMITTED, omittedMessage, null);
      return true;
    }
    Diagnostics.report(Problem.QUEUE_FULL, fullMessage, null);
    return false;
  }

  /** Queues {@code record} if the records pending stay within {@code bound} bytes with it. */
  private boolean offer(CallRecord record, long bound) {
    int size = record.estimatedBytes();
    if (pendingBytes.addAndGet(size) > bound) {
      pendingBytes.addAndGet(-size);
      return false;
    }
    queue.offer(record);
    if (submitted.incrementAndGet() - completed.get() == maxBatch) {
      LockSupport.unpark(worker);
    }
    if (spiller != null && pendingBytes.get() > spillAbove) {
      LockSupport.unpark(spiller);
    }
    return true;
  }

  @Override
  public boolean flush(long timeoutMillis) {
    long target = submitted.get();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (completed.get() < target) {
      if (!worker.isAlive() || System.nanoTime() >= deadline) {
        return false;
      }
      LockSupport.unpark(worker);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    return true;
  }

  @Override
  public void shutdown(long timeoutMillis) {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    boolean flushed = flush(timeoutMillis);
    running = false;
    LockSupport.unpark(worker);
    if (spiller != null) {
      LockSupport.unpark(spiller);
    }
    try {
      worker.join(Math.max(1, timeoutMillis / 10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!flushed) {
      Diagnostics.report(
          Problem.EXPORT_FAILED,
          pending(),
          "shutdown flush timed out after " + timeoutMillis + " ms",
          null);
    }
  }

  /** Bytes of records waiting, against the bound. */
  public long pendingBytes() {
    return pendingBytes.get();
  }

  @Override
  public boolean hasRoom() {
    return pendingBytes.get() < maxQueueBytes;
  }

  /** True when the records waiting take more than half the bound: time to stop waiting. */
  public boolean underPressure() {
    return pendingBytes.get() > maxQueueBytes / 2;
  }

  @Override
  public long pending() {
    return submitted.get() - completed.get();
  }

  /** Moves records to the overflow exporter while the queue is more than half full. */
  private void spill() {
    List<CallRecord> batch = new ArrayList<>(MAX_BATCH);
    while (running) {
      try {
        while (pendingBytes.get() > maxQueueBytes / 2) {
          CallRecord r;
          long bytes = 0;
          while (batch.size() < MAX_BATCH && (r = queue.poll()) != null) {
            batch.add(r);
            bytes += r.estimatedBytes();
          }
          if (batch.isEmpty()) {
            break;
          }
          try {
            overflow.export(batch);
          } finally {
            pendingBytes.addAndGet(-bytes);
            completed.addAndGet(batch.size());
            batch.clear();
          }
        }
        LockSupport.parkNanos(this, IDLE_PARK_NANOS);
      } catch (Throwable t) {
        Diagnostics.report(Problem.EXPORT_FAILED, "spill thread error", t);
      }
    }
  }

  private void work() {
    try {
      exporter.warmUp();
    } catch (Throwable t) {
      Diagnostics.report(Problem.EXPORT_FAILED, "exporter warm-up failed", t);
    }
    List<CallRecord> batch = new ArrayList<>(maxBatch);
    // The batch the exporter may still be delivering: it counts as pending (for flush, and against
    // the bound, as its encoded records are still in memory) until the next export returns.
    long deliveringCount = 0;
    long deliveringBytes = 0;
    while (true) {
      try {
        CallRecord r;
        long bytes = 0;
        while (batch.size() < maxBatch && (r = queue.poll()) != null) {
          batch.add(r);
          bytes += r.estimatedBytes();
        }
        if (batch.isEmpty()) {
          exporter.awaitDelivered();
          settle(deliveringCount, deliveringBytes);
          deliveringCount = 0;
          deliveringBytes = 0;
          if (!queue.isEmpty()) {
            continue; // records came while waiting: no wake-up may come for them
          }
          if (!running) {
            break;
          }
          exporter.flush();
          LockSupport.parkNanos(this, IDLE_PARK_NANOS);
          continue;
        }
        try {
          exporter.export(batch);
        } finally {
          settle(deliveringCount, deliveringBytes);
          deliveringCount = batch.size();
          deliveringBytes = bytes;
          batch.clear();
        }
      } catch (Throwable t) {
        Diagnostics.report(Problem.EXPORT_FAILED, "exporter thread error", t);
      }
    }
    exporter.flush();
    exporter.close();
  }

  private void settle(long records, long bytes) {
    pendingBytes.addAndGet(-bytes);
    completed.addAndGet(records);
  }
}
