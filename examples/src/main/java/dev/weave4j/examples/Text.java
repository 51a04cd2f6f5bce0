package dev.weave4j.examples;

import dev.weave4j.annotations.WeaveOp;
import java.util.Locale;

/** Text helpers. */
public final class Text {

  private Text() {}

  /** Lower case, letters and spaces only: a static op. */
  @WeaveOp
  public static String normalize(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", "").trim();
  }
}
