package dev.weave4j.internal.trace;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.weave4j.internal.export.JsonPart;
import dev.weave4j.internal.serialize.InputFields;
import dev.weave4j.internal.serialize.ValueSerializer;

/**
 * Internal, unstable. The record parts of a call's inputs and output. Values that cannot change
 * ({@link ValueSerializer#isFrozen}: strings and boxed primitives, the usual inputs and outputs of
 * an LLM call) are kept by reference and written on the exporter thread; anything else is
 * serialized at once, since the application may change it later. The JSON is the same either way.
 */
abstract class LateJson implements JsonPart {

  final ValueSerializer serializer;
  private final int estimatedBytes;

  private LateJson(ValueSerializer serializer, int estimatedBytes) {
    this.serializer = serializer;
    this.estimatedBytes = estimatedBytes;
  }

  /** The inputs of a call, {@code {name: argument, ...}}: late when every one is frozen. */
  static JsonPart inputs(ValueSerializer serializer, InputFields fields, Object[] args) {
    return fields.allFrozen(args)
        ? new Inputs(serializer, fields, args)
        : JsonPart.of(serializer.inputsJson(fields, args));
  }

  /** One value (an output): late when frozen. */
  static JsonPart value(ValueSerializer serializer, Object value) {
    return ValueSerializer.isFrozen(value)
        ? new Value(serializer, value)
        : JsonPart.of(serializer.toJson(value));
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
      super(serializer, ValueSerializer.estimatedBytes(value));
      this.value = value;
    }

    @Override
    public void writeTo(JsonGenerator g) {
      serializer.write(g, value);
    }
  }
}
