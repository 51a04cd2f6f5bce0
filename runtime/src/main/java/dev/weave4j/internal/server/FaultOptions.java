package dev.weave4j.internal.server;

/**
 * Faults {@code serve} injects on purpose, for exporter tests (none by default).
 *
 * @param failFirst answer the first N POST requests with {@code status} (GET {@code /health} and
 *     {@code /server_info} never fail)
 * @param status the status of those failures (default 503)
 * @param retryAfterSeconds sent as {@code Retry-After} with those failures; -1 for none
 * @param maxBodyBytes answer 413 to request bodies larger than this; -1 for no limit
 * @param downForMillis refuse connections (the port is closed) for this long after start-up
 * @param breakStreamAfter {@code /calls/stream_query} fails after sending this many calls (the
 *     connection is closed after the 200, as on a real failure mid-stream); -1 never
 */
record FaultOptions(
    int failFirst,
    int status,
    int retryAfterSeconds,
    long maxBodyBytes,
    long downForMillis,
    long breakStreamAfter) {

  static final FaultOptions NONE = new FaultOptions(0, 503, -1, -1, 0);

  FaultOptions(
      int failFirst, int status, int retryAfterSeconds, long maxBodyBytes, long downForMillis) {
    this(failFirst, status, retryAfterSeconds, maxBodyBytes, downForMillis, -1);
  }

  boolean any() {
    return failFirst > 0 || maxBodyBytes >= 0 || downForMillis > 0 || breakStreamAfter >= 0;
  }
}
