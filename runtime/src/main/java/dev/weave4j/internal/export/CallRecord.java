package dev.weave4j.internal.export;

/**
 * Internal, unstable. One Weave request leaving the application thread: a call start, a call end or
 * another request in the same envelope. Values are already serialized, or cannot change ({@link
 * JsonPart}), so the record is immutable and its size is known.
 */
public sealed interface CallRecord permits StartRecord, EndRecord, RequestRecord {

  /** Approximate size in memory and on the wire, for the byte bound of the queue. */
  int estimatedBytes();
}
