package dev.weave4j.integrations.openai;

import com.openai.core.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provider's JSON of an SDK object (a request body, a response, a chunk), as a map: the SDK's
 * own mapper writes what it sends and reads, so the record matches the wire, not the Java types.
 *
 * <p>Only the SDK's own types appear here, never Jackson's: this class runs next to the SDK, in the
 * application's class loader, and the agent jar relocates the Jackson names it references.
 */
final class OpenAiJson {

  private OpenAiJson() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> of(Object sdkObject) {
    if (sdkObject == null) {
      return null;
    }
    return JsonValue.from(sdkObject).convert(LinkedHashMap.class);
  }
}
