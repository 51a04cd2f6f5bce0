package dev.weave4j.internal.export;

/**
 * Internal, unstable. One Weave request leaving the application thread: a call start, a call end or
 * another request in the same envelope. Values are already serialized, or cannot change ({@link
 * JsonPart}), so the record is immutable and its size is known.
 */
public sealed interface CallRecord permits StartRecord, EndRecord, RequestRecord, SpanRecord {

  /** Approximate size in memory and on the wire, for the byte bound of the queue. */
  int estimatedBytes();

  /**
   * This record with its values (inputs, output) replaced by size markers, when they take most of
   * its size; or this record itself when it has no such values.
   */
  default CallRecord withoutValues() {
    return this;
  }
}
