package dev.weave4j.internal.util;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Internal, unstable. A call or trace id: a UUIDv7 kept as its two halves and turned into text only
 * when first asked (on the exporter thread, usually), or an id given as text. Equal when the texts
 * are.
 */
public final class CallId {

  private final long hi;
  private final long lo;

  /** The text, once made; a benign race (every thread makes the same string). */
  private String text;

  private CallId(long hi, long lo, String text) {
    this.hi = hi;
    this.lo = lo;
    this.text = text;
  }

  /** A new UUIDv7 (RFC 9562) for the time {@code epochMillis}: 48-bit time, then random bits. */
  public static CallId uuid7(long epochMillis) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long hi = (epochMillis << 16) | 0x7000L | (r.nextLong() & 0x0FFFL);
    long lo = (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new CallId(hi, lo, null);
  }

  /** An id given as text (e.g. chosen by the user). */
  public static CallId of(String text) {
    if (text == null) {
      throw new IllegalArgumentException("id text must not be null");
    }
    return new CallId(0, 0, text);
  }

  /** The id's text: a UUID in canonical hyphenated lower-case form, or the text it was given. */
  @Override
  public String toString() {
    String t = text;
    if (t == null) {
      t = new UUID(hi, lo).toString(); // the JDK writes a Latin-1 string directly
      text = t;
    }
    return t;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CallId other && toString().equals(other.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }
}
