package dev.weave4j.internal.serialize;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
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

  /**
   * A generator and buffer per thread, reused for every value (a generator per value would cost
   * more than the value). A generator left in an unknown state by a failure is dropped.
   */
  private static final ThreadLocal<Session> SESSIONS = ThreadLocal.withInitial(Session::new);

  /** A thread keeps its output buffer only while its values stay below this size. */
  private static final int RETAINED_BYTES = 16 * 1024;

  /** Most values are small: start the output buffer small. */
  private static final int FIRST_BLOCK = 128;

  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

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
    byte[] scalar = scalarJson(value);
    if (scalar != null) {
      return scalar;
    }
    Session session = SESSIONS.get();
    if (session.busy) {
      return toJsonFresh(value); // re-entered from user code (a toString calling an op)
    }
    session.busy = true;
    try {
      ByteArrayBuilder out = session.out;
      out.reset();
      JsonGenerator gen = session.generator();
      new Walk(gen, out, redactor).value(value);
      gen.flush();
      byte[] json = out.toByteArray();
      if (json.length > RETAINED_BYTES) {
        session.discard(); // do not keep a large buffer for the life of the thread
      }
      return json;
    } catch (Throwable t) {
      session.discard();
      return failureMarker(value, t);
    } finally {
      session.busy = false;
    }
  }

  private byte[] toJsonFresh(Object value) {
    try {
      ByteArrayBuilder out = new ByteArrayBuilder(FIRST_BLOCK);
      try (JsonGenerator gen = Json.FACTORY.createGenerator(out)) {
        new Walk(gen, out, redactor).value(value);
      }
      return out.toByteArray();
    } catch (Throwable t) {
      return failureMarker(value, t);
    }
  }

  /**
   * The common scalar outputs (null, booleans, whole numbers, short strings) without a generator;
   * Jackson still does the escaping. Null for anything else.
   */
  private static byte[] scalarJson(Object value) {
    if (value == null) {
      return NULL;
    }
    if (value instanceof Boolean b) {
      return b ? TRUE : FALSE;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return value.toString().getBytes(StandardCharsets.US_ASCII);
    }
    if (value instanceof String s && s.length() <= 4096) {
      byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(Text.sanitize(s));
      byte[] out = new byte[quoted.length + 2];
      out[0] = '"';
      System.arraycopy(quoted, 0, out, 1, quoted.length);
      out[out.length - 1] = '"';
      return out;
    }
    return null;
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

  /** One thread's reusable output buffer and generator. */
  private static final class Session {
    ByteArrayBuilder out = new ByteArrayBuilder(FIRST_BLOCK);
    boolean busy;
    private JsonGenerator gen;

    JsonGenerator generator() throws IOException {
      if (gen == null) {
        gen = Json.FACTORY.createGenerator(out);
        gen.setRootValueSeparator(null); // one value per use; nothing between them
      }
      return gen;
    }

    void discard() {
      out = new ByteArrayBuilder(FIRST_BLOCK);
      gen = null;
    }
  }
}
