package dev.weave4j.internal.remote;

import java.util.List;

/**
 * Internal, unstable. One element of a batch body ({@code json}) and the spool lines that stand for
 * it if it cannot be sent: an upsert item is its own line; a completed call is its start and end.
 */
record Outbound(byte[] json, List<byte[]> spoolLines) {

  static Outbound item(byte[] line) {
    return new Outbound(line, List.of(line));
  }
}
