package dev.weave4j.internal.integrations.anthropic;

import com.anthropic.core.ObjectMappers;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provider's JSON of an SDK object (a request body, a message, an event), as a map: the SDK's
 * own mapper writes what it sends and reads, so the record matches the wire, not the Java types.
 */
final class AnthropicJson {

  private AnthropicJson() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> of(Object sdkObject) {
    if (sdkObject == null) {
      return null;
    }
    return ObjectMappers.jsonMapper().convertValue(sdkObject, LinkedHashMap.class);
  }
}
