package dev.weave4j.internal.server;

import java.nio.charset.StandardCharsets;

/** Readable test names as the UUIDs call ids must be: {@code "r1"} → {@code …-000000007231}. */
final class TestIds {

  private TestIds() {}

  static String uuid(String name) {
    StringBuilder hex = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      hex.append(String.format("%02x", b));
    }
    if (hex.length() > 12) {
      throw new IllegalArgumentException("test id name too long: " + name);
    }
    return "00000000-0000-7000-8000-" + "0".repeat(12 - hex.length()) + hex;
  }
}
