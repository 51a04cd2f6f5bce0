package dev.weave4j.internal.server;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run requests: a virtual thread per request on JDK 21+ (a slow client then costs
 * a few kilobytes, not a thread), else a bounded pool with a bounded queue (beyond both, the JDK
 * server closes the new connection rather than queueing without end).
 */
final class HandlerThreads {

  static final int POOL_THREADS = 128;
  static final int POOL_QUEUE = 1024;

  private HandlerThreads() {}

  static ExecutorService create() {
    try {
      // Java 17 bytecode: looked up, not linked.
      return (ExecutorService)
          MethodHandles.publicLookup()
              .findStatic(
                  Executors.class,
                  "newVirtualThreadPerTaskExecutor",
                  MethodType.methodType(ExecutorService.class))
              .invoke();
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return pool();
    } catch (Throwable e) {
      throw new IllegalStateException("cannot create virtual threads", e);
    }
  }

  private static ExecutorService pool() {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            POOL_THREADS,
            POOL_THREADS,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(POOL_QUEUE),
            r -> {
              Thread t = new Thread(r, "weave4j-serve-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
