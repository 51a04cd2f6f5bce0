package dev.weave4j.it.harness;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/** JSON parsing for the tests (the test's own Jackson 2.12.7, not the agent's). */
public final class Json {

  public static final ObjectMapper MAPPER = new ObjectMapper();

  /** Deeper than this, a tree is read on a thread with a large stack (the reader recurses). */
  private static final int DEEP = 500;

  private Json() {}

  /** Parses JSON text; fails the test with the (capped) text when it is not JSON. */
  public static JsonNode parse(String text) {
    try {
      return depth(text) > DEEP ? readOnBigStack(text) : MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError(
          "not JSON: " + e.getOriginalMessage() + "\n" + abbreviate(text, 2000), e);
    }
  }

  private static JsonNode readOnBigStack(String text) throws JsonProcessingException {
    AtomicReference<Object> result = new AtomicReference<>();
    Thread reader =
        new Thread(
            null,
            () -> {
              try {
                result.set(MAPPER.readTree(text));
              } catch (JsonProcessingException | RuntimeException | StackOverflowError e) {
                result.set(e);
              }
            },
            "deep-json-reader",
            1L << 30);
    reader.start();
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    Object r = result.get();
    if (r instanceof JsonProcessingException) {
      throw (JsonProcessingException) r;
    }
    if (r instanceof Throwable) {
      throw new AssertionError("cannot read JSON nested " + depth(text) + " deep", (Throwable) r);
    }
    return (JsonNode) r;
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
