package dev.weave4j.integrations.genai;

import com.google.genai.JsonSerializable;
import dev.weave4j.internal.trace.LlmJson;

/**
 * The provider's JSON of an SDK value (contents, a config, a response), as maps and lists: the
 * SDK's own serialization (the Gemini API's camelCase fields), read back by the runtime. Only the
 * SDK's types appear here, never a JSON library's (this class runs in the application's loader).
 */
final class GenAiJson {

  private GenAiJson() {}

  static Object of(Object sdkValue) {
    if (sdkValue == null || sdkValue instanceof String) {
      return sdkValue;
    }
    return LlmJson.parse(JsonSerializable.toJsonString(sdkValue));
  }
}
