package dev.weave4j.internal.export;

import dev.weave4j.internal.util.CallId;

/**
 * Internal, unstable. A call end ({@code EndedCallSchemaForInsert}); {@code output} is the JSON of
 * the output (never null: JSON {@code null} when there is none), {@code exception} is Weave's
 * exception string or null.
 */
public record EndRecord(
    String projectId,
    CallId id,
    long endedAtMicros,
    JsonPart output,
    String exception,
    JsonPart summary)
    implements CallRecord {

  /** An end whose summary is already serialized ({@code summaryJson}). */
  public EndRecord(
      String projectId,
      CallId id,
      long endedAtMicros,
      JsonPart output,
      String exception,
      byte[] summaryJson) {
    this(projectId, id, endedAtMicros, output, exception, JsonPart.of(summaryJson));
  }

  /** The summary as JSON bytes (rendered now when written late; not for hot paths). */
  public byte[] summaryJson() {
    return JsonPart.bytes(summary);
  }

  @Override
  public int estimatedBytes() {
    return 160
        + output.estimatedBytes()
        + summary.estimatedBytes()
        + (exception == null ? 0 : exception.length() * 2);
  }

  @Override
  public EndRecord withoutValues() {
    return new EndRecord(
        projectId,
        id,
        endedAtMicros,
        new OmittedJson(output.estimatedBytes(), false),
        exception,
        summary);
  }
}
