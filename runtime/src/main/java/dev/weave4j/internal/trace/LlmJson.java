package dev.weave4j.internal.trace;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Internal, unstable. Reads JSON text an SDK wrote (its own serialization of a request or a
 * response) into maps, lists, strings, numbers and booleans, for an integration whose classes may
 * not name a JSON library (they run next to the SDK, in the application's class loader).
 */
public final class LlmJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LlmJson() {}

  /**
   * The value of {@code json}; the text itself when it is not JSON.
   *
   * @param json JSON text, or null
   */
  public static Object parse(String json) {
    if (json == null) {
      return null;
    }
    try {
      return MAPPER.readValue(json, Object.class);
    } catch (Exception notJson) {
      return json;
    }
  }
}
