package dev.weave4j.internal.server;

import java.nio.file.Path;
import java.util.List;

/**
 * How {@code serve} runs.
 *
 * @param host the address to bind
 * @param port the port; 0 for any free port
 * @param apiKey when set, every request but {@code /health} needs {@code Authorization: Basic
 *     base64(api:<key>)} (or {@code Bearer <key>})
 * @param dir the local store folder, holding {@code <entity>/<project>/} folders
 * @param allowedHosts {@code Host} names accepted besides the loopback ones ({@code *}: any)
 * @param readTimeoutMillis the longest a request's headers, or its body, may take to arrive
 * @param projectIdleMillis how long a project stays indexed without a request (0: until exit)
 */
record ServeOptions(
    String host,
    int port,
    String apiKey,
    Path dir,
    FaultOptions faults,
    List<String> allowedHosts,
    long readTimeoutMillis,
    long projectIdleMillis) {

  static final int DEFAULT_PORT = 6345;
  static final String DEFAULT_HOST = "127.0.0.1";
  static final long DEFAULT_READ_TIMEOUT_MILLIS = 30_000;
  static final long DEFAULT_PROJECT_IDLE_MILLIS = 600_000;

  ServeOptions {
    allowedHosts = List.copyOf(allowedHosts);
  }

  /** With the default host names, read timeout and project idle time. */
  ServeOptions(String host, int port, String apiKey, Path dir, FaultOptions faults) {
    this(
        host,
        port,
        apiKey,
        dir,
        faults,
        List.of(),
        DEFAULT_READ_TIMEOUT_MILLIS,
        DEFAULT_PROJECT_IDLE_MILLIS);
  }

  /** Whether only loopback {@code Host} names (and {@link #allowedHosts}) are accepted. */
  boolean loopbackHostsOnly() {
    return ServeCommand.loopback(host) || !allowedHosts.isEmpty();
  }

  /** The request body limit: {@code --max-body-bytes}, else upstream's 31 MiB. */
  long maxBodyBytes() {
    return faults.maxBodyBytes() >= 0 ? faults.maxBodyBytes() : BodyReader.DEFAULT_MAX_BYTES;
  }
}
