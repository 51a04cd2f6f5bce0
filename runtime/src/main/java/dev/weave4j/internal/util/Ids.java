package dev.weave4j.internal.util;

import java.util.concurrent.ThreadLocalRandom;

/** Internal, unstable. UUIDv7 ids (RFC 9562): 48-bit millisecond time, then random bits. */
public final class Ids {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Ids() {}

  /** A new UUIDv7 string in canonical hyphenated lower-case form. */
  public static String uuid7() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long millis = System.currentTimeMillis();
    long msb = (millis << 16) | 0x7000L | (r.nextLong() & 0x0FFFL);
    long lsb = (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    char[] c = new char[36];
    hex(c, 0, msb >>> 32, 8);
    c[8] = '-';
    hex(c, 9, msb >>> 16, 4);
    c[13] = '-';
    hex(c, 14, msb, 4);
    c[18] = '-';
    hex(c, 19, lsb >>> 48, 4);
    c[23] = '-';
    hex(c, 24, lsb, 12);
    return new String(c);
  }

  private static void hex(char[] out, int at, long value, int digits) {
    for (int i = digits - 1; i >= 0; i--) {
      out[at + i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
  }
}
