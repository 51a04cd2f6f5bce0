package dev.weave4j.internal.serialize;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Internal, unstable. Turns any Java value into bounded JSON as DESIGN.md §6 says; never throws.
 * Values under keys in the redaction set are written as {@code "REDACTED"} at any depth.
 *
 * <p>Thread-safe: each call walks with its own state; per-class reflection is cached in {@link
 * ClassPlan}.
 */
public final class ValueSerializer {

  /** Written when even the failure marker cannot be produced (a constant, plain ASCII). */
  private static final byte[] LAST_RESORT =
      "\"<unserializable: serializer failed>\"".getBytes(StandardCharsets.US_ASCII);

  private final Redactor redactor;

  /**
   * @param redactKeys keys whose values are redacted (matched as {@link Redactor} does)
   */
  public ValueSerializer(Set<String> redactKeys) {
    this(new Redactor(redactKeys == null ? Set.of() : redactKeys));
  }

  /**
   * @param redactor decides which keys are secret
   */
  public ValueSerializer(Redactor redactor) {
    this.redactor = redactor;
  }

  /** The JSON bytes (UTF-8) of {@code value}. Never throws. */
  public byte[] toJson(Object value) {
    try {
      ByteArrayBuilder out = new ByteArrayBuilder();
      try (JsonGenerator gen = Json.FACTORY.createGenerator(out)) {
        new Walk(gen, out, redactor).value(value);
      }
      return out.toByteArray();
    } catch (Throwable t) {
      return failureMarker(value, t);
    }
  }

  /**
   * Writes {@code value} as one JSON value. Never throws for the value's sake: only failures of the
   * generator itself propagate, as {@link UncheckedIOException}.
   */
  public void write(JsonGenerator gen, Object value) {
    JsonStreamContext start = gen.getOutputContext();
    int entries = start.getEntryCount();
    try {
      new Walk(gen, null, redactor).value(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Throwable t) {
      recover(gen, start, entries, value, t);
    }
  }

  /** After an unexpected failure mid-value: closes what the walk opened, or writes a marker. */
  private static void recover(
      JsonGenerator gen, JsonStreamContext start, int entries, Object value, Throwable t) {
    try {
      JsonStreamContext context = gen.getOutputContext();
      while (context != null && context != start) {
        if (context.inArray()) {
          gen.writeEndArray();
        } else {
          gen.writeEndObject();
        }
        context = gen.getOutputContext();
      }
      if (start.getEntryCount() == entries) {
        gen.writeString(Text.sanitize(failureText(value, t)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] failureMarker(Object value, Throwable t) {
    try {
      ByteArrayBuilder out = new ByteArrayBuilder(128);
      try (JsonGenerator gen = Json.FACTORY.createGenerator(out)) {
        gen.writeString(Text.sanitize(failureText(value, t)));
      }
      return out.toByteArray();
    } catch (Throwable e) {
      return LAST_RESORT.clone();
    }
  }

  private static String failureText(Object value, Throwable t) {
    String type = value == null ? "null" : Markers.simpleName(value.getClass());
    return "<unserializable " + type + ": serializer failed: " + Markers.describe(t, false) + ">";
  }
}
