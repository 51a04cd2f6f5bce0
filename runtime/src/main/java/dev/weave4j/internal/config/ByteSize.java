package dev.weave4j.internal.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Internal, unstable. Parses sizes such as {@code 1048576}, {@code 64MiB}, {@code 512 KB}. */
final class ByteSize {

  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?", Pattern.CASE_INSENSITIVE);

  private ByteSize() {}

  static long parse(String key, String value) {
    Matcher m = SIZE.matcher(value.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          key + ": expected a size such as 67108864 or 64MiB, got '" + value + "'");
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": size too large: '" + value + "'", e);
    }
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    long mult =
        switch (unit.charAt(0)) {
          case 'k' -> 1L << 10;
          case 'm' -> 1L << 20;
          case 'g' -> 1L << 30;
          default -> 1L;
        };
    if (n > Long.MAX_VALUE / mult) {
      throw new IllegalArgumentException(key + ": size too large: '" + value + "'");
    }
    return n * mult;
  }
}
