package dev.weave4j.internal.store;

/**
 * Call ids as the agent makes them, canonical lower-case UUIDs ({@code 8-4-4-4-12} hex digits),
 * packed into two longs: 16 bytes in the index instead of a 36-character string (about 80 bytes).
 * For these ids, comparing the longs unsigned orders them as their strings would.
 */
final class PackedId {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PackedId() {}

  /** Whether {@code s} is a canonical lower-case UUID. */
  static boolean packable(String s) {
    if (s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') {
          return false;
        }
      } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** The first 16 hex digits of a packable id. */
  static long hi(String s) {
    return hex(s, 0, 19);
  }

  /** The last 16 hex digits of a packable id. */
  static long lo(String s) {
    return hex(s, 19, 36);
  }

  private static long hex(String s, int from, int to) {
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c != '-') {
        v = (v << 4) | (c <= '9' ? c - '0' : c - 'a' + 10);
      }
    }
    return v;
  }

  /** The id's string again. */
  static String text(long hi, long lo) {
    char[] out = new char[36];
    int at = 0;
    for (int i = 0; i < 32; i++) {
      if (i == 8 || i == 12 || i == 16 || i == 20) {
        out[at++] = '-';
      }
      long word = i < 16 ? hi : lo;
      out[at++] = HEX[(int) (word >>> (60 - 4 * (i & 15))) & 0xf];
    }
    return new String(out);
  }
}
