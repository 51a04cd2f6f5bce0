package dev.weave4j.internal.util;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Internal, unstable. Wall-clock time in microseconds and its ISO-8601 UTC form. */
public final class Timestamps {

  private static final DateTimeFormatter ISO_MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

  /** The last second formatted, shared by all threads (an immutable pair, so races are benign). */
  private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

  private Timestamps() {}

  /** Now, in microseconds since the epoch. */
  public static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  /** {@code 2025-01-31T12:34:56.123456Z}. */
  public static String iso(long epochMicros) {
    long seconds = Math.floorDiv(epochMicros, 1_000_000L);
    int micros = (int) Math.floorMod(epochMicros, 1_000_000L);
    Second second = lastSecond;
    if (second.epochSecond != seconds) {
      // Records come in time order: format the date and time once a second, the micros by hand.
      String full =
          ISO_MICROS.format(LocalDateTime.ofEpochSecond(seconds, micros * 1_000, ZoneOffset.UTC));
      lastSecond = new Second(seconds, full.substring(0, full.length() - 8));
      return full;
    }
    String prefix = second.prefix; // "yyyy-MM-ddTHH:mm:ss"
    int n = prefix.length();
    char[] c = new char[n + 8];
    prefix.getChars(0, n, c, 0);
    c[n] = '.';
    for (int i = n + 6; i > n; i--) {
      c[i] = (char) ('0' + micros % 10);
      micros /= 10;
    }
    c[n + 7] = 'Z';
    return new String(c);
  }

  private record Second(long epochSecond, String prefix) {}

  /** Parses any ISO-8601 instant (with zone) into epoch microseconds; -1 if it cannot. */
  public static long parseMicros(String iso) {
    if (iso == null) {
      return -1;
    }
    long fast = parseCanonical(iso);
    if (fast >= 0) {
      return fast;
    }
    try {
      Instant i = java.time.OffsetDateTime.parse(iso).toInstant();
      return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    } catch (DateTimeParseException e) {
      return -1;
    }
  }

  /**
   * The form this library writes, {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ}, without a formatter (store
   * indexing parses millions); -1 for any other form.
   */
  private static long parseCanonical(String s) {
    if (s.length() != 27
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(19) != '.'
        || s.charAt(26) != 'Z') {
      return -1;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    int micros = digits(s, 20, 26);
    if (year < 1970
        || month < 1
        || month > 12
        || day < 1
        || day > 31
        || hour > 23
        || minute > 59
        || second > 59
        || micros < 0) {
      return -1;
    }
    long epochDay;
    try {
      epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
    } catch (java.time.DateTimeException e) {
      return -1;
    }
    return ((epochDay * 24 + hour) * 60 + minute) * 60_000_000L + second * 1_000_000L + micros;
  }

  private static int digits(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1_000_000_000;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }
}
