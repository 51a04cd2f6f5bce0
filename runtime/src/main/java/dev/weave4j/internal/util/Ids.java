package dev.weave4j.internal.util;

/** Internal, unstable. UUIDv7 ids (RFC 9562) as text: 48-bit millisecond time, then random bits. */
public final class Ids {

  private Ids() {}

  /** A new UUIDv7 string in canonical hyphenated lower-case form. */
  public static String uuid7() {
    return CallId.uuid7(System.currentTimeMillis()).toString();
  }
}
