package dev.weave4j.internal.export;

/**
 * Internal, unstable. A call start ({@code StartedCallSchemaForInsert}); JSON fields are UTF-8
 * bytes of one JSON object each.
 *
 * @param rootLink whether to print a link to this (root) call when it is written
 */
public record StartRecord(
    String projectId,
    String id,
    String traceId,
    String parentId,
    String opName,
    String displayName,
    long startedAtMicros,
    byte[] attributesJson,
    byte[] inputsJson,
    String threadId,
    String turnId,
    boolean rootLink)
    implements CallRecord {

  @Override
  public int estimatedBytes() {
    return 256 + attributesJson.length + inputsJson.length + opName.length();
  }
}
