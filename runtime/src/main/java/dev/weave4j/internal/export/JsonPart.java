package dev.weave4j.internal.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Internal, unstable. One JSON value of a record: bytes serialized on the application thread, or
 * values that cannot change (strings, boxed primitives) that are written only when the record is
 * encoded, on the exporter thread. Either way the record is immutable.
 */
public interface JsonPart {

  /** Writes the value to {@code g}; only the generator's own failures propagate. */
  void writeTo(JsonGenerator g) throws IOException;

  /** Approximate size in bytes, for the byte bound of the queue. */
  int estimatedBytes();

  /** The part's JSON as UTF-8 bytes (for tests and tools; not for hot paths). */
  static byte[] bytes(JsonPart part) {
    if (part instanceof RawJson raw) {
      return raw.bytes();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      part.writeTo(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A part of JSON bytes already serialized (not copied: they must not change). */
  static JsonPart of(byte[] json) {
    return new RawJson(json);
  }
}
