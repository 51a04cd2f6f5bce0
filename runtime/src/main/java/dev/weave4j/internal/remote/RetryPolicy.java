package dev.weave4j.internal.remote;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Internal, unstable. How often and how long to retry a request that failed with 408/429/5xx or a
 * connection error: {@code attempts} tries, waiting exponentially from {@code baseMillis} (capped
 * at {@code maxMillis}) with full jitter, or the server's {@code Retry-After} when it says so.
 */
record RetryPolicy(int attempts, long baseMillis, long maxMillis) {

  /** As the Python SDK: 3 attempts from 1 s; a longer wait than 30 s spools instead. */
  static final RetryPolicy DEFAULT = new RetryPolicy(3, 1_000, 30_000);

  /** The wait before attempt {@code attempt + 1} (attempt counts from 1). */
  long delayMillis(int attempt, long retryAfterMillis) {
    if (retryAfterMillis >= 0) {
      return retryAfterMillis;
    }
    long ceiling = Math.min(maxMillis, baseMillis << Math.min(20, attempt - 1));
    return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
  }
}
