package dev.weave4j.internal.serialize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/** Shared helpers: serialize, then parse back with databind (which rejects invalid JSON). */
final class SerializerTestSupport {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final ValueSerializer SERIALIZER =
      new ValueSerializer(Set.of("api_key", "authorization", "password"));

  private SerializerTestSupport() {}

  static JsonNode json(Object value) {
    return parse(SERIALIZER.toJson(value));
  }

  static JsonNode parse(byte[] bytes) {
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
