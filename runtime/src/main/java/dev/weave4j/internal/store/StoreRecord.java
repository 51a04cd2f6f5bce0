package dev.weave4j.internal.store;

import java.util.List;

/** One line of the local store, reduced to what the index needs; bodies are re-read on demand. */
sealed interface StoreRecord {

  /** {@code {"mode":"start"}}: a call started. */
  record Start(
      String id,
      String traceId,
      String parentId,
      long startedMicros,
      String opName,
      String displayName,
      String threadId,
      String turnId)
      implements StoreRecord {}

  /** {@code {"mode":"end"}}: a call ended. */
  record End(String id, long endedMicros, boolean hasException) implements StoreRecord {}

  /**
   * {@code {"mode":"call_update"}}: a new display name; {@code displayName} is null or empty to
   * remove it.
   */
  record DisplayNameUpdate(String callId, String displayName) implements StoreRecord {}

  /** {@code {"mode":"calls_delete"}}: these calls and all their descendants are gone. */
  record Delete(List<String> callIds) implements StoreRecord {}

  /** A well-formed line of a mode this reader does not know (or a no-op update): skipped. */
  record Other(String mode) implements StoreRecord {}
}
