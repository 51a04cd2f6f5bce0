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
 * Internal, unstable. Turns any Java value into bounded JSON as docs/architecture.md ("Formats")
 * says; never throws. Values under keys in the redaction set are written as {@code "REDACTED"} at
 * any depth.
 *
 * <p>Thread-safe: each call walks with its own state; per-class reflection is cached in {@link
 * ClassPlan}.
 */
public final class ValueSerializer {

  /**
   * A generator and buffer per thread, reused for every value (a generator per value would cost
   * more than the value). A generator left in an unknown state by a failure is dropped.
   */
  private static final ThreadLocal<Session> SESSIONS =
      new ThreadLocal<>() { // not withInitial(Session::new): no lambda spun at start-up
        @Override
        protected Session initialValue() {
          return new Session();
        }
      };

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

  /** The redactor that decides which keys are secret. */
  public Redactor redactor() {
    return redactor;
  }

  /** The JSON bytes (UTF-8) of {@code value}. Never throws. */
  public byte[] toJson(Object value) {
    byte[] scalar = scalarJson(value);
    return scalar != null ? scalar : encode(value, null);
  }

  /**
   * The JSON bytes of a call's inputs, {@code {name: args[index], ...}} for each of {@code fields}:
   * the same bytes as {@link #toJson} of that map, without building it. Never throws.
   *
   * @param fields prepared for this serializer's {@link #redactor()}
   */
  public byte[] inputsJson(InputFields fields, Object[] args) {
    return encode(args, fields);
  }

  /** {@code value} as JSON; when {@code fields} is given, {@code value} is the argument array. */
  private byte[] encode(Object value, InputFields fields) {
    Session session = SESSIONS.get();
    if (session.busy) {
      return encodeFresh(value, fields); // re-entered from user code (a toString calling an op)
    }
    session.busy = true;
    try {
      ByteArrayBuilder out = session.out;
      out.reset();
      JsonGenerator gen = session.generator();
      walk(new Walk(gen, out, redactor), value, fields);
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

  private byte[] encodeFresh(Object value, InputFields fields) {
    try {
      ByteArrayBuilder out = new ByteArrayBuilder(FIRST_BLOCK);
      try (JsonGenerator gen = Json.FACTORY.createGenerator(out)) {
        walk(new Walk(gen, out, redactor), value, fields);
      }
      return out.toByteArray();
    } catch (Throwable t) {
      return failureMarker(value, t);
    }
  }

  private static void walk(Walk walk, Object value, InputFields fields) throws IOException {
    if (fields == null) {
      walk.value(value);
    } else {
      walk.inputs(fields, (Object[]) value);
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
    write(gen, value, null);
  }

  /**
   * Writes the inputs of a call as {@link #inputsJson} does, into {@code gen}. Never throws for the
   * values' sake: only failures of the generator itself propagate, as {@link UncheckedIOException}.
   */
  public void writeInputs(JsonGenerator gen, InputFields fields, Object[] args) {
    write(gen, args, fields);
  }

  private void write(JsonGenerator gen, Object value, InputFields fields) {
    JsonStreamContext start = gen.getOutputContext();
    int entries = start.getEntryCount();
    try {
      walk(new Walk(gen, null, redactor), value, fields);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Throwable t) {
      recover(gen, start, entries, value, t);
    }
  }

  /**
   * True when {@code value}'s JSON cannot change later and writing it runs no code of the
   * application's: null, a string of at most {@value Text#MAX_STRING} chars (longer ones are cut
   * when serialized, so they are better serialized at once than kept whole), a boxed primitive.
   * Such values may be serialized later, on another thread, with the same result.
   */
  public static boolean isFrozen(Object value) {
    return value == null || frozenClass(value);
  }

  /**
   * About the size of a value's JSON, without writing it: close for frozen values, else a guess.
   */
  public static int estimatedBytes(Object value) {
    return value instanceof String s ? s.length() + 2 : 8;
  }

  private static boolean frozenClass(Object value) {
    Class<?> c = value.getClass();
    if (c == String.class) {
      return ((String) value).length() <= Text.MAX_STRING;
    }
    return c == Integer.class
        || c == Long.class
        || c == Boolean.class
        || c == Double.class
        || c == Float.class
        || c == Short.class
        || c == Byte.class
        || c == Character.class;
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
