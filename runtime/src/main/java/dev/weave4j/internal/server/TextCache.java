package dev.weave4j.internal.server;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * The last string seen in each of a few slots (project id, op name, thread, turn), returned again
 * when the parser's current string has the same characters: these repeat from call to call, so most
 * items then allocate no string for them. Not thread-safe.
 */
final class TextCache {

  private final String[] last = new String[4];

  /** The parser's current string value, from {@code slot}'s cache when equal. */
  String get(JsonParser p, int slot) throws IOException {
    char[] chars = p.getTextCharacters();
    int off = p.getTextOffset();
    int len = p.getTextLength();
    String s = last[slot];
    if (s != null && s.length() == len) {
      int i = 0;
      while (i < len && s.charAt(i) == chars[off + i]) {
        i++;
      }
      if (i == len) {
        return s;
      }
    }
    s = new String(chars, off, len);
    last[slot] = s;
    return s;
  }
}
