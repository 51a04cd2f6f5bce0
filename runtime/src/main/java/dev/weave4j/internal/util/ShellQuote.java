package dev.weave4j.internal.util;

/** Internal, unstable. Quotes a word for POSIX shells, so printed commands can be pasted as is. */
public final class ShellQuote {

  private ShellQuote() {}

  /** {@code s} as is when it needs no quoting, else in single quotes; empty is {@code ''}. */
  public static String quote(String s) {
    if (!s.isEmpty() && isPlain(s)) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static boolean isPlain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "_-./:=@%+,".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
