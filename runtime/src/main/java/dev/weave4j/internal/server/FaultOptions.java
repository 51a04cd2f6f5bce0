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
 */
record FaultOptions(
    int failFirst, int status, int retryAfterSeconds, long maxBodyBytes, long downForMillis) {

  static final FaultOptions NONE = new FaultOptions(0, 503, -1, -1, 0);

  boolean any() {
    return failFirst > 0 || maxBodyBytes >= 0 || downForMillis > 0;
  }
}
