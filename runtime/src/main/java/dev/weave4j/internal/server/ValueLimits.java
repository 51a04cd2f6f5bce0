package dev.weave4j.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.internal.util.JsonMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The real server's bound on what one call stores (weave-protocol.md §3.4): when the JSON of a
 * call's start or end exceeds 3.5 MiB, its largest values (entries of {@code inputs}, {@code
 * attributes}, {@code summary}, or the whole {@code output}) are replaced by {@code {"_weave":
 * {"error": "<EXCEEDS_LIMITS>"}}} until it fits. The call is kept, its size bounded.
 */
final class ValueLimits {

  static final int MAX_CALL_BYTES = 3_670_016; // 3.5 MiB
  private static final ObjectMapper MAPPER = JsonMapper.forBoundedInput();

  private ValueLimits() {}

  /** One replaceable value: where it is, and what it weighs. */
  private record Value(ObjectNode holder, String key, long bytes) {}

  /** Bounds {@code call} (a start or an end object) in place. */
  static void bound(JsonNode call) {
    if (!(call instanceof ObjectNode c)) {
      return;
    }
    long size = bytes(c);
    if (size <= MAX_CALL_BYTES) {
      return;
    }
    List<Value> values = new ArrayList<>();
    for (String field : List.of("inputs", "attributes", "summary")) {
      if (c.get(field) instanceof ObjectNode o) {
        o.fields().forEachRemaining(e -> values.add(new Value(o, e.getKey(), bytes(e.getValue()))));
      }
    }
    if (c.has("output")) {
      values.add(new Value(c, "output", bytes(c.get("output"))));
    }
    values.sort(Comparator.comparingLong(Value::bytes).reversed());
    for (Value v : values) {
      if (size <= MAX_CALL_BYTES) {
        return;
      }
      ObjectNode marker = MAPPER.createObjectNode();
      marker.putObject("_weave").put("error", "<EXCEEDS_LIMITS>");
      v.holder().set(v.key(), marker);
      size -= v.bytes() - bytes(marker);
    }
  }

  private static long bytes(JsonNode n) {
    try {
      return MAPPER.writeValueAsBytes(n).length;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Long.MAX_VALUE / 4;
    }
  }
}
