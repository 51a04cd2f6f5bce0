package dev.weave4j.it.harness;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** JSON parsing for the tests (the test's own Jackson 2.12.7, not the agent's). */
public final class Json {

  public static final ObjectMapper MAPPER = new ObjectMapper();

  /** Deeper than this a stored value is not bounded, and reading it could overflow our stack. */
  static final int MAX_READABLE_DEPTH = 2000;

  private Json() {}

  /** Parses JSON text; fails the test with the (capped) text when it is not JSON. */
  public static JsonNode parse(String text) {
    int depth = depth(text);
    if (depth > MAX_READABLE_DEPTH) {
      throw new AssertionError(
          "JSON nests " + depth + " levels deep (not bounded): " + abbreviate(text, 300));
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError(
          "not JSON: " + e.getOriginalMessage() + "\n" + abbreviate(text, 2000), e);
    }
  }

  /** The maximum nesting depth of objects and arrays in {@code text}, read without recursion. */
  public static int depth(String text) {
    int depth = 0;
    int max = 0;
    try (JsonParser p = new JsonFactory().createParser(text)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          max = Math.max(max, ++depth);
        } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          depth--;
        }
      }
    } catch (IOException e) {
      return max; // not JSON at all: parse() reports it
    }
    return max;
  }

  static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "... (" + s.length() + " chars)";
  }
}
