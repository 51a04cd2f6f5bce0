package dev.weave4j.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON values of a queried call as plain Java: maps, lists, strings, numbers, booleans, null. */
final class JsonValues {

  private JsonValues() {}

  static Object toJava(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (n.isObject()) {
      return toMap(n);
    }
    if (n.isArray()) {
      List<Object> list = new ArrayList<>(n.size());
      n.forEach(e -> list.add(toJava(e)));
      return Collections.unmodifiableList(list);
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isIntegralNumber()) {
      return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
    }
    if (n.isNumber()) {
      return n.doubleValue();
    }
    return n.asText();
  }

  static Map<String, Object> toMap(JsonNode n) {
    if (n == null || !n.isObject()) {
      return Map.of();
    }
    Map<String, Object> map = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> map.put(e.getKey(), toJava(e.getValue())));
    return Collections.unmodifiableMap(map);
  }
}
