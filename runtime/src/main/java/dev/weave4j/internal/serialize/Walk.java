package dev.weave4j.internal.serialize;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One serialization of one value into one generator (not thread-safe, used once).
 *
 * <p>Invariant: {@link #value} writes exactly one JSON value. User code (toString, accessors,
 * iterators, getMessage...) only runs inside small guarded blocks that write nothing, so whatever
 * it throws becomes a marker. Only the generator's own failures propagate. Recursion is bounded by
 * {@link #MAX_DEPTH}, since every container (and Optional) is entered through {@link #enter}.
 */
final class Walk {

  static final int MAX_DEPTH = 32;
  static final int MAX_ITEMS = 1000;
  static final int MAX_BYTES = 4096;
  static final long BUDGET = 1 << 20;

  /** BigIntegers above this many bits (~100k digits) are written as a marker, not a number. */
  private static final int MAX_BIG_INTEGER_BITS = 332_000;

  private final JsonGenerator gen;
  private final ByteArrayBuilder out;
  private final Redactor redactor;
  private Object[] path = new Object[4];
  private int depth;
  private long approximateOutput;

  /**
   * @param out the generator's target when known (exact budget), else null (estimated budget)
   */
  Walk(JsonGenerator gen, ByteArrayBuilder out, Redactor redactor) {
    this.gen = gen;
    this.out = out;
    this.redactor = redactor;
  }

  void value(Object v) throws IOException {
    if (overBudget()) {
      string(Markers.BUDGET_EXCEEDED);
      return;
    }
    if (v == null) {
      gen.writeNull();
      return;
    }
    ClassPlan plan = ClassPlan.of(v.getClass());
    approximateOutput += 8;
    switch (plan.rule) {
      case STRING -> string(Text.cap((String) v));
      case BOOLEAN -> gen.writeBoolean((Boolean) v);
      case CHARACTER -> string(String.valueOf((char) (Character) v));
      case INTEGRAL -> gen.writeNumber(((Number) v).longValue());
      case BIG_INTEGER -> bigInteger((BigInteger) v);
      case BIG_DECIMAL -> bigDecimal((BigDecimal) v);
      case DOUBLE -> floating((Double) v);
      case FLOAT -> floating((Float) v);
      case ENUM -> string(((Enum<?>) v).name());
      case CLASS -> string(((Class<?>) v).getName());
      case OPTIONAL_INT -> optionalInt((OptionalInt) v);
      case OPTIONAL_LONG -> optionalLong((OptionalLong) v);
      case OPTIONAL_DOUBLE -> optionalDouble((OptionalDouble) v);
      case OPTIONAL -> optional((Optional<?>) v, plan);
      case CHAR_SEQUENCE, STRING_FORM, DATE, TO_STRING -> string(stringOf(v, plan.rule));
      case NOT_SERIALIZED -> string(plan.notSerializedMarker);
      case THROWABLE -> throwable((Throwable) v, plan);
      case BYTES -> bytes((byte[]) v, plan);
      case CHARS -> string(Text.cap((char[]) v));
      case PRIMITIVE_ARRAY -> primitiveArray(v, plan);
      case OBJECT_ARRAY -> objectArray((Object[]) v, plan);
      case COLLECTION -> collection((Collection<?>) v, plan);
      case MAP -> map((Map<?, ?>) v, plan);
      case RECORD, POJO -> objectRecord(v, plan);
    }
  }

  // ---------------------------------------------------------------- leaves

  private void floating(double d) throws IOException {
    if (Double.isNaN(d)) {
      string("NaN");
    } else if (Double.isInfinite(d)) {
      string(d > 0 ? "Infinity" : "-Infinity");
    } else {
      gen.writeNumber(d);
    }
  }

  private void floating(float f) throws IOException {
    if (Float.isNaN(f) || Float.isInfinite(f)) {
      floating((double) f);
    } else {
      gen.writeNumber(f);
    }
  }

  private void bigInteger(BigInteger b) throws IOException {
    if (b.bitLength() > MAX_BIG_INTEGER_BITS) {
      string("<BigInteger of " + b.bitLength() + " bits>");
    } else {
      gen.writeNumber(b);
    }
  }

  private void bigDecimal(BigDecimal b) throws IOException {
    if (b.unscaledValue().bitLength() > MAX_BIG_INTEGER_BITS) {
      string("<BigDecimal of " + b.unscaledValue().bitLength() + " bits>");
    } else {
      gen.writeNumber(b);
    }
  }

  private void optionalInt(OptionalInt o) throws IOException {
    if (o.isPresent()) {
      gen.writeNumber(o.getAsInt());
    } else {
      gen.writeNull();
    }
  }

  private void optionalLong(OptionalLong o) throws IOException {
    if (o.isPresent()) {
      gen.writeNumber(o.getAsLong());
    } else {
      gen.writeNull();
    }
  }

  private void optionalDouble(OptionalDouble o) throws IOException {
    if (o.isPresent()) {
      floating(o.getAsDouble());
    } else {
      gen.writeNull();
    }
  }

  /** The string of a value whose string form comes from (possibly hostile) code. Never throws. */
  private static String stringOf(Object v, Rule rule) {
    try {
      return switch (rule) {
        case CHAR_SEQUENCE -> Text.cap((CharSequence) v);
        case DATE -> Instant.ofEpochMilli(((Date) v).getTime()).toString();
        case STRING_FORM -> Text.cap(String.valueOf(v));
        default -> Text.fallback(String.valueOf(v));
      };
    } catch (Throwable t) {
      return Markers.unserializable(v, "toString", t);
    }
  }

  private void throwable(Throwable t, ClassPlan plan) throws IOException {
    String message;
    try {
      String m = t.getMessage();
      message = m == null ? "" : Text.fallback(m);
    } catch (Throwable e) {
      message = Markers.threw("getMessage", e);
    }
    gen.writeStartObject();
    field("_type");
    string(plan.simpleName);
    field("type");
    string(t.getClass().getName());
    field("message");
    string(message);
    gen.writeEndObject();
  }

  // ---------------------------------------------------------------- containers

  /** Checks cycle and depth; writes their marker and returns false, or pushes {@code v}. */
  private boolean enter(Object v, ClassPlan plan) throws IOException {
    for (int i = 0; i < depth; i++) {
      if (path[i] == v) {
        string(plan.cycleMarker);
        return false;
      }
    }
    if (depth >= MAX_DEPTH) {
      string(plan.depthMarker);
      return false;
    }
    if (depth == path.length) {
      path = java.util.Arrays.copyOf(path, Math.min(MAX_DEPTH, depth * 2));
    }
    path[depth++] = v;
    return true;
  }

  private void exit() {
    path[--depth] = null;
  }

  private void optional(Optional<?> o, ClassPlan plan) throws IOException {
    if (enter(o, plan)) {
      value(o.orElse(null));
      exit();
    }
  }

  private void bytes(byte[] b, ClassPlan plan) throws IOException {
    if (!enter(b, plan)) {
      return;
    }
    int kept = Math.min(b.length, MAX_BYTES);
    gen.writeStartObject();
    field("_type");
    string("bytes");
    field("length");
    gen.writeNumber(b.length);
    field("base64");
    gen.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, b, 0, kept);
    approximateOutput += kept * 4L / 3;
    if (kept < b.length) {
      field("truncated");
      gen.writeBoolean(true);
    }
    gen.writeEndObject();
    exit();
  }

  private void primitiveArray(Object array, ClassPlan plan) throws IOException {
    if (!enter(array, plan)) {
      return;
    }
    int length = java.lang.reflect.Array.getLength(array);
    int kept = Math.min(length, MAX_ITEMS);
    gen.writeStartArray();
    if (array instanceof int[] a) {
      for (int i = 0; i < kept; i++) {
        gen.writeNumber(a[i]);
      }
    } else if (array instanceof long[] a) {
      for (int i = 0; i < kept; i++) {
        gen.writeNumber(a[i]);
      }
    } else if (array instanceof short[] a) {
      for (int i = 0; i < kept; i++) {
        gen.writeNumber(a[i]);
      }
    } else if (array instanceof double[] a) {
      for (int i = 0; i < kept; i++) {
        floating(a[i]);
      }
    } else if (array instanceof float[] a) {
      for (int i = 0; i < kept; i++) {
        floating(a[i]);
      }
    } else if (array instanceof boolean[] a) {
      for (int i = 0; i < kept; i++) {
        gen.writeBoolean(a[i]);
      }
    }
    approximateOutput += kept * 8L;
    if (kept < length) {
      string(Markers.moreItems(length - kept));
    }
    gen.writeEndArray();
    exit();
  }

  private void objectArray(Object[] array, ClassPlan plan) throws IOException {
    if (!enter(array, plan)) {
      return;
    }
    gen.writeStartArray();
    int length = array.length;
    for (int i = 0; i < length; i++) {
      if (i == MAX_ITEMS) {
        string(Markers.moreItems(length - i));
        break;
      }
      if (overBudget()) {
        string(Markers.BUDGET_EXCEEDED);
        break;
      }
      value(array[i]);
    }
    gen.writeEndArray();
    exit();
  }

  private void collection(Collection<?> c, ClassPlan plan) throws IOException {
    if (!enter(c, plan)) {
      return;
    }
    gen.writeStartArray();
    Object it = Step.iterator(c);
    for (int n = 0; ; n++) {
      Object next = Step.next(it, n == MAX_ITEMS);
      if (next == Step.END) {
        break;
      } else if (next instanceof Step.Failure failure) {
        string(failure.marker());
        break;
      } else if (next == Step.MORE) {
        string(Markers.moreItems(Step.remaining(c, MAX_ITEMS)));
        break;
      } else if (overBudget()) {
        string(Markers.BUDGET_EXCEEDED);
        break;
      }
      value(next);
    }
    gen.writeEndArray();
    exit();
  }

  private void map(Map<?, ?> m, ClassPlan plan) throws IOException {
    if (!enter(m, plan)) {
      return;
    }
    gen.writeStartObject();
    Object it = Step.entryIterator(m);
    for (int n = 0; ; n++) {
      Object next = Step.nextEntry(it, n == MAX_ITEMS);
      if (next == Step.END) {
        break;
      } else if (next instanceof Step.Failure failure) {
        field(Markers.ENTRY_KEY);
        string(failure.marker());
        break;
      } else if (next == Step.MORE) {
        field(Markers.ENTRY_KEY);
        string(Markers.moreEntries(Step.remaining(m, MAX_ITEMS)));
        break;
      } else if (overBudget()) {
        field(Markers.ENTRY_KEY);
        string(Markers.BUDGET_EXCEEDED);
        break;
      }
      Step.Entry entry = (Step.Entry) next;
      field(entry.key());
      if (redacted(entry.key())) {
        string(Markers.REDACTED);
      } else {
        value(entry.value());
      }
    }
    gen.writeEndObject();
    exit();
  }

  /**
   * Writes the inputs of a call, {@code {name: argument, ...}}, exactly as {@link #map} writes the
   * map of them (the arguments sit one level deep, as the map's values would).
   */
  void inputs(InputFields fields, Object[] args) throws IOException {
    path[depth++] = args; // never user-visible, so it cannot close a cycle
    gen.writeStartObject();
    for (int i = 0; i < fields.names.length; i++) {
      if (overBudget()) {
        field(Markers.ENTRY_KEY);
        string(Markers.BUDGET_EXCEEDED);
        break;
      }
      approximateOutput += fields.lengths[i] + 4;
      gen.writeFieldName(fields.names[i]);
      int index = fields.argIndexes[i];
      if (fields.redacted[i]) {
        string(Markers.REDACTED);
      } else {
        value(args != null && index < args.length ? args[index] : null);
      }
    }
    gen.writeEndObject();
    exit();
  }

  private void objectRecord(Object v, ClassPlan plan) throws IOException {
    if (!enter(v, plan)) {
      return;
    }
    gen.writeStartObject();
    field("_type");
    string(plan.simpleName);
    for (ClassPlan.Property property : plan.properties) {
      if (overBudget()) {
        field(Markers.ENTRY_KEY);
        string(Markers.BUDGET_EXCEEDED);
        break;
      }
      field(property.name);
      if (redactor.matches(property.name)) {
        string(Markers.REDACTED);
        continue;
      }
      Object propertyValue;
      try {
        propertyValue = property.read(v);
      } catch (Throwable t) {
        string(Markers.threw(property.reading(), t));
        continue;
      }
      value(propertyValue);
    }
    field("_class_name");
    string(plan.simpleName);
    field("_bases");
    gen.writeStartArray();
    for (String base : plan.bases) {
      string(base);
    }
    gen.writeEndArray();
    gen.writeEndObject();
    exit();
  }

  // ---------------------------------------------------------------- output

  private boolean redacted(String key) {
    return redactor.matches(key);
  }

  private boolean overBudget() {
    long used = out != null ? out.size() + gen.getOutputBuffered() : approximateOutput;
    return used > BUDGET;
  }

  private void string(String s) throws IOException {
    approximateOutput += s.length() + 3;
    gen.writeString(Text.sanitize(s));
  }

  private void field(String name) throws IOException {
    approximateOutput += name.length() + 4;
    gen.writeFieldName(Text.sanitize(name));
  }
}
