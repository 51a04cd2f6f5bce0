package dev.weave4j.internal.trace;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.weave4j.internal.export.JsonPart;
import dev.weave4j.internal.serialize.InputFields;
import dev.weave4j.internal.serialize.ValueSerializer;

/**
 * Internal, unstable. A record part written on the exporter thread from values that cannot change
 * ({@link ValueSerializer#isFrozen}): strings and boxed primitives, the usual inputs and outputs of
 * an LLM call. The application thread keeps a reference instead of serializing them; the JSON is
 * the same as if it had.
 */
abstract class LateJson implements JsonPart {

  final ValueSerializer serializer;
  private final int estimatedBytes;

  private LateJson(ValueSerializer serializer, int estimatedBytes) {
    this.serializer = serializer;
    this.estimatedBytes = estimatedBytes;
  }

  /** The inputs of a call whose recorded arguments are all frozen, or null. */
  static JsonPart inputsOrNull(ValueSerializer serializer, InputFields fields, Object[] args) {
    return fields.allFrozen(args) ? new Inputs(serializer, fields, args) : null;
  }

  /** A frozen value, or null. */
  static JsonPart valueOrNull(ValueSerializer serializer, Object value) {
    return ValueSerializer.isFrozen(value) ? new Value(serializer, value) : null;
  }

  @Override
  public int estimatedBytes() {
    return estimatedBytes;
  }

  private static final class Inputs extends LateJson {
    private final InputFields fields;
    private final Object[] args;

    Inputs(ValueSerializer serializer, InputFields fields, Object[] args) {
      super(serializer, fields.estimatedBytes(args));
      this.fields = fields;
      this.args = args;
    }

    @Override
    public void writeTo(JsonGenerator g) {
      serializer.writeInputs(g, fields, args);
    }
  }

  private static final class Value extends LateJson {
    private final Object value;

    Value(ValueSerializer serializer, Object value) {
      super(serializer, InputFields.estimatedBytes(value));
      this.value = value;
    }

    @Override
    public void writeTo(JsonGenerator g) {
      serializer.write(g, value);
    }
  }
}
