package dev.weave4j.internal.export;

/**
 * Internal, unstable. A call end ({@code EndedCallSchemaForInsert}); {@code outputJson} is the
 * UTF-8 JSON of the output (never null: JSON {@code null} when there is none), {@code exception} is
 * Weave's exception string or null.
 */
public record EndRecord(
    String projectId,
    String id,
    long endedAtMicros,
    byte[] outputJson,
    String exception,
    byte[] summaryJson)
    implements CallRecord {

  @Override
  public int estimatedBytes() {
    return 160
        + outputJson.length
        + summaryJson.length
        + (exception == null ? 0 : exception.length() * 2);
  }
}
