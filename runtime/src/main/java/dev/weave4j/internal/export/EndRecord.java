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
    byte[] summaryJson)
    implements CallRecord {

  @Override
  public int estimatedBytes() {
    return 160
        + output.estimatedBytes()
        + summaryJson.length
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
        summaryJson);
  }
}
