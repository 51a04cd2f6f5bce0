package dev.weave4j.internal.serialize;

/** How the values of one class are written; chosen once per class by {@link ClassPlan}. */
enum Rule {
  STRING,
  BOOLEAN,
  CHARACTER,
  /** Integer, Long, Short, Byte, AtomicInteger, AtomicLong: {@code longValue()}. */
  INTEGRAL,
  BIG_INTEGER,
  BIG_DECIMAL,
  DOUBLE,
  FLOAT,
  ENUM,
  OPTIONAL,
  OPTIONAL_INT,
  OPTIONAL_LONG,
  OPTIONAL_DOUBLE,
  /** CharSequence other than String: its string, capped. */
  CHAR_SEQUENCE,
  /** java.time, UUID, URI, URL, Path, File, Locale, Currency: {@code toString()}, capped. */
  STRING_FORM,
  /** java.util.Date and subclasses: the ISO instant. */
  DATE,
  CLASS,
  BYTES,
  CHARS,
  PRIMITIVE_ARRAY,
  OBJECT_ARRAY,
  MAP,
  COLLECTION,
  /**
   * Lazy or one-shot things (iterators, streams, futures, suppliers...): a marker, never touched.
   */
  NOT_SERIALIZED,
  THROWABLE,
  /** Java records: ObjectRecord from the component accessors. */
  RECORD,
  /** Non-JDK classes: ObjectRecord from the instance fields. */
  POJO,
  /** Everything else: {@code toString()} capped at 1000 chars. */
  TO_STRING
}
