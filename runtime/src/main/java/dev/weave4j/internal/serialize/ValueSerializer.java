package dev.weave4j.internal.serialize;

import com.fasterxml.jackson.core.JsonGenerator;
import java.util.Set;

/**
 * Internal, unstable. Turns any Java value into bounded JSON as DESIGN.md §6 says; never throws.
 * Values under keys in the redaction set are written as {@code "REDACTED"} at any depth.
 */
public final class ValueSerializer {

  private final Set<String> redactKeys;

  /**
   * @param redactKeys lower-case keys whose values are redacted
   */
  public ValueSerializer(Set<String> redactKeys) {
    this.redactKeys = redactKeys;
  }

  /** The JSON bytes (UTF-8) of {@code value}. Never throws. */
  public byte[] toJson(Object value) {
    throw new UnsupportedOperationException("TODO " + redactKeys);
  }

  /** Writes {@code value} as one JSON value. Never throws for the value's sake. */
  public void write(JsonGenerator gen, Object value) {
    throw new UnsupportedOperationException("TODO");
  }
}
