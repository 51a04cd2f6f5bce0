package dev.weave4j.internal.server;

import java.nio.file.Path;

/**
 * How {@code serve} runs.
 *
 * @param host the address to bind
 * @param port the port; 0 for any free port
 * @param apiKey when set, every request but {@code /health} needs {@code Authorization: Basic
 *     base64(api:<key>)} (or {@code Bearer <key>})
 * @param dir the local store folder, holding {@code <entity>/<project>/} folders
 */
record ServeOptions(String host, int port, String apiKey, Path dir, FaultOptions faults) {

  static final int DEFAULT_PORT = 6345;
  static final String DEFAULT_HOST = "127.0.0.1";
}
