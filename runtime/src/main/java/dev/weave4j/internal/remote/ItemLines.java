package dev.weave4j.internal.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weave4j.internal.export.SpanRecord;
import dev.weave4j.internal.util.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Internal, unstable. Reads the parts of a store/spool line ({@code {"mode":..,"req":..}}) that
 * routing needs, without parsing a start or end written by RecordWriter.
 */
final class ItemLines {

  static final ObjectMapper JSON = JsonMapper.get();
  private static final byte[] START = "{\"mode\":\"start\"".getBytes(StandardCharsets.UTF_8);
  private static final byte[] END = "{\"mode\":\"end\"".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SPAN =
      ("{\"mode\":\"" + SpanRecord.MODE + "\"").getBytes(StandardCharsets.UTF_8);

  private ItemLines() {}

  /** {@code start}, {@code end} or the line's other mode; null when it is not an item. */
  static String mode(byte[] line) {
    if (startsWith(line, START)) {
      return "start";
    }
    if (startsWith(line, END)) {
      return "end";
    }
    if (startsWith(line, SPAN)) {
      return SpanRecord.MODE;
    }
    JsonNode n = tree(line);
    JsonNode mode = n == null ? null : n.get("mode");
    return mode != null && mode.isTextual() ? mode.asText() : null;
  }

  static JsonNode tree(byte[] line) {
    try {
      return JSON.readTree(line);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The {@code req} body of a line, as bytes; null when missing. */
  static byte[] req(byte[] line) {
    JsonNode n = tree(line);
    JsonNode req = n == null ? null : n.get("req");
    if (req == null || !req.isObject()) {
      return null;
    }
    try {
      return JSON.writeValueAsBytes(req);
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean startsWith(byte[] line, byte[] prefix) {
    if (line.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (line[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
