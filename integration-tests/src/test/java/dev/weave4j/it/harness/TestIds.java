package dev.weave4j.it.harness;

import java.nio.charset.StandardCharsets;

/**
 * Readable test names as the UUIDs call ids must be ({@code "r1"} ↔ {@code
 * 00000000-0000-7000-8000-000000007231}), both ways, so that tests can write and compare names.
 */
public final class TestIds {

  private static final String PREFIX = "00000000-0000-7000-8000-";

  private TestIds() {}

  /** The UUID for a name of at most 6 ASCII characters. */
  public static String uuid(String name) {
    StringBuilder hex = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      hex.append(String.format("%02x", b));
    }
    if (hex.length() > 12) {
      throw new IllegalArgumentException("test id name too long: " + name);
    }
    return PREFIX + "0".repeat(12 - hex.length()) + hex;
  }

  /** The name back from {@link #uuid}; any other id unchanged. */
  public static String name(String id) {
    if (id == null || !id.startsWith(PREFIX) || id.length() != 36) {
      return id;
    }
    String hex = id.substring(PREFIX.length()).replaceFirst("^(00)+", "");
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
