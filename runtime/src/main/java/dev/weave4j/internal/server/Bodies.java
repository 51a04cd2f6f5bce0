package dev.weave4j.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.internal.util.Timestamps;
import java.util.Set;

/** Validation of request bodies as the real server's pydantic models do it (422 on failure). */
final class Bodies {

  private Bodies() {}

  /** The body must be an object with only {@code allowed} keys (strict envelopes). */
  static JsonNode strict(JsonNode body, String where, Set<String> allowed) {
    if (body == null || !body.isObject()) {
      throw ApiError.validation("model_attributes_type", where, "Input should be an object");
    }
    body.fieldNames()
        .forEachRemaining(
            k -> {
              if (!allowed.contains(k)) {
                throw ApiError.validation(
                    "extra_forbidden", join(where, k), "Extra inputs are not permitted");
              }
            });
    return body;
  }

  static JsonNode object(JsonNode body, String where, String key) {
    JsonNode v = body.get(key);
    if (v == null || v.isNull()) {
      throw missing(where, key);
    }
    if (!v.isObject()) {
      throw ApiError.validation(
          "model_attributes_type", join(where, key), "Input should be a valid dictionary");
    }
    return v;
  }

  static String string(JsonNode body, String where, String key) {
    JsonNode v = body.get(key);
    if (v == null || v.isNull()) {
      throw missing(where, key);
    }
    if (!v.isTextual()) {
      throw ApiError.validation("string_type", join(where, key), "Input should be a valid string");
    }
    return v.textValue();
  }

  static String optionalString(JsonNode body, String where, String key) {
    JsonNode v = body.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw ApiError.validation("string_type", join(where, key), "Input should be a valid string");
    }
    return v.textValue();
  }

  /** An optional integer of at least 0 ({@code fallback} when absent). */
  static int optionalNonNegative(JsonNode body, String where, String key, int fallback) {
    JsonNode v = body.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.canConvertToInt()) {
      throw ApiError.validation("int_type", join(where, key), "Input should be a valid integer");
    }
    if (v.intValue() < 0) {
      throw ApiError.validation(
          "greater_than_equal", join(where, key), "Input should be greater than or equal to 0");
    }
    return v.intValue();
  }

  static void datetime(JsonNode body, String where, String key) {
    String s = string(body, where, key);
    if (Timestamps.parseMicros(s) < 0) {
      throw ApiError.validation(
          "datetime_from_date_parsing",
          join(where, key),
          "Input should be a valid datetime with a timezone");
    }
  }

  static ApiError missing(String where, String key) {
    return ApiError.validation("missing", join(where, key), "Field required");
  }

  private static String join(String where, String key) {
    return where.isEmpty() ? key : where + "." + key;
  }
}
