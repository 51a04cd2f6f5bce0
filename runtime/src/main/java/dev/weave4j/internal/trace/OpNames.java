package dev.weave4j.internal.trace;

import java.util.regex.Pattern;

/** Internal, unstable. Op and display names as Weave accepts them. */
public final class OpNames {

  /** Longest display name Weave stores. */
  static final int MAX_DISPLAY_NAME = 1024;

  private static final int MAX_OBJECT_NAME = 128;
  private static final Pattern INVALID =
      Pattern.compile("[^\\w._]+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern SEPARATOR_RUNS = Pattern.compile("([._-]{2,})+");
  private static final Pattern EDGES = Pattern.compile("^[-_]+|[-_]+$");

  private OpNames() {}

  /**
   * The name as a Weave object id, as upstream's {@code sanitize_object_name}: runs of characters
   * other than word characters, {@code .} and {@code _} become {@code -}, runs of separators
   * collapse to {@code -}, leading/trailing {@code -}/{@code _} go, at most 128 chars.
   */
  public static String sanitize(String name) {
    String s = INVALID.matcher(name).replaceAll("-");
    s = SEPARATOR_RUNS.matcher(s).replaceAll("-");
    s = EDGES.matcher(s).replaceAll("");
    if (s.length() > MAX_OBJECT_NAME) {
      s = s.substring(0, MAX_OBJECT_NAME);
    }
    return s.isEmpty() ? "op" : s;
  }

  /** A display name cut to Weave's limit as upstream does: the first 1021 chars and "...". */
  public static String elideDisplayName(String name) {
    if (name == null || name.length() <= MAX_DISPLAY_NAME) {
      return name;
    }
    return name.substring(0, MAX_DISPLAY_NAME - 3) + "...";
  }
}
