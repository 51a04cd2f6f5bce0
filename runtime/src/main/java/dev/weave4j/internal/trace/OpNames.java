package dev.weave4j.internal.trace;

import java.util.regex.Pattern;

/** Internal, unstable. Op and display names as Weave accepts them. */
public final class OpNames {

  /** Longest display name Weave stores. */
  static final int MAX_DISPLAY_NAME = 1024;

  private static final int MAX_OBJECT_NAME = 128;

  private OpNames() {}

  /** Compiled on first use only: most op names ({@code Class.method}) never need them. */
  private static final class Patterns {
    static final Pattern INVALID = Pattern.compile("[^\\w._]+", Pattern.UNICODE_CHARACTER_CLASS);
    static final Pattern SEPARATOR_RUNS = Pattern.compile("([._-]{2,})+");
    static final Pattern EDGES = Pattern.compile("^[-_]+|[-_]+$");
  }

  /**
   * The name as a Weave object id, as upstream's {@code sanitize_object_name}: runs of characters
   * other than word characters, {@code .} and {@code _} become {@code -}, runs of separators
   * collapse to {@code -}, leading/trailing {@code -}/{@code _} go, at most 128 chars.
   */
  public static String sanitize(String name) {
    if (alreadyClean(name)) {
      return name;
    }
    String s = Patterns.INVALID.matcher(name).replaceAll("-");
    s = Patterns.SEPARATOR_RUNS.matcher(s).replaceAll("-");
    s = Patterns.EDGES.matcher(s).replaceAll("");
    if (s.length() > MAX_OBJECT_NAME) {
      s = s.substring(0, MAX_OBJECT_NAME);
    }
    return s.isEmpty() ? "op" : s;
  }

  /**
   * True when {@link #sanitize} would return {@code name} unchanged, known without a regex: ASCII
   * letters, digits, {@code .} and {@code _}, no two separators in a row, no {@code _} at either
   * end, not empty, not too long.
   */
  private static boolean alreadyClean(String name) {
    int n = name.length();
    if (n == 0 || n > MAX_OBJECT_NAME || name.charAt(0) == '_' || name.charAt(n - 1) == '_') {
      return false;
    }
    boolean separatorBefore = false;
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      boolean separator = c == '.' || c == '_';
      boolean word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!separator && !word || separator && separatorBefore) {
        return false;
      }
      separatorBefore = separator;
    }
    return true;
  }

  /** A display name cut to Weave's limit as upstream does: the first 1021 chars and "...". */
  public static String elideDisplayName(String name) {
    if (name == null || name.length() <= MAX_DISPLAY_NAME) {
      return name;
    }
    return name.substring(0, MAX_DISPLAY_NAME - 3) + "...";
  }
}
