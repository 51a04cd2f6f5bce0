package dev.weave4j.internal.serialize;

/**
 * String policy: length caps and UTF-16 repair. Every string handed to Jackson passes {@link
 * #sanitize}, so a lone surrogate can never make the generator throw.
 */
final class Text {

  /** Strings longer than this are cut (docs/architecture.md, "Formats"). */
  static final int MAX_STRING = 100_000;

  /** {@code toString()} fallbacks are cut to this many chars, then "..." (Python's fallback). */
  static final int MAX_FALLBACK = 1000;

  private Text() {}

  /** {@code s}, cut to {@link #MAX_STRING} chars plus a marker naming the real length. */
  static String cap(String s) {
    int length = s.length();
    return length <= MAX_STRING ? s : truncated(s.substring(0, MAX_STRING), length);
  }

  /** The string of {@code cs}, cut like {@link #cap}; copies at most the kept part. May throw. */
  static String cap(CharSequence cs) {
    int length = cs.length();
    if (length > MAX_STRING) {
      return truncated(cs.subSequence(0, MAX_STRING).toString(), length);
    }
    return cap(cs.toString());
  }

  /** The string of {@code chars}, cut like {@link #cap}. */
  static String cap(char[] chars) {
    return chars.length <= MAX_STRING
        ? new String(chars)
        : truncated(new String(chars, 0, MAX_STRING), chars.length);
  }

  /** A {@code toString()} result as Python's {@code fallback_encode}: 1000 chars then "...". */
  static String fallback(String s) {
    return s.length() <= MAX_FALLBACK ? s : s.substring(0, MAX_FALLBACK) + "...";
  }

  private static String truncated(String head, int total) {
    return head + "…[truncated: " + total + " chars in all]";
  }

  /**
   * {@code s} with every unpaired UTF-16 surrogate replaced by U+FFFD; {@code s} itself if none.
   */
  static String sanitize(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return repair(s.toCharArray(), i);
        }
      }
    }
    return s;
  }

  private static String repair(char[] a, int from) {
    for (int i = from; i < a.length; i++) {
      char c = a[i];
      if (Character.isHighSurrogate(c) && i + 1 < a.length && Character.isLowSurrogate(a[i + 1])) {
        i++;
      } else if (Character.isSurrogate(c)) {
        a[i] = '\uFFFD';
      }
    }
    return new String(a);
  }
}
