package dev.weave4j.internal.export;

import dev.weave4j.internal.util.CallId;

/**
 * Internal, unstable. A call start ({@code StartedCallSchemaForInsert}); {@code attributes} is one
 * JSON object (serialized already, or written late on the exporter thread), {@code inputs} the
 * inputs object; {@code parentId} is null for a root call.
 *
 * @param rootLink whether to print a link to this (root) call when it is written
 */
public record StartRecord(
    String projectId,
    CallId id,
    CallId traceId,
    CallId parentId,
    String opName,
    String displayName,
    long startedAtMicros,
    JsonPart attributes,
    JsonPart inputs,
    String threadId,
    String turnId,
    boolean rootLink)
    implements CallRecord {

  /** A start whose attributes are already serialized ({@code attributesJson}). */
  public StartRecord(
      String projectId,
      CallId id,
      CallId traceId,
      CallId parentId,
      String opName,
      String displayName,
      long startedAtMicros,
      byte[] attributesJson,
      JsonPart inputs,
      String threadId,
      String turnId,
      boolean rootLink) {
    this(
        projectId,
        id,
        traceId,
        parentId,
        opName,
        displayName,
        startedAtMicros,
        JsonPart.of(attributesJson),
        inputs,
        threadId,
        turnId,
        rootLink);
  }

  /** The attributes as JSON bytes (rendered now when written late; not for hot paths). */
  public byte[] attributesJson() {
    return JsonPart.bytes(attributes);
  }

  @Override
  public int estimatedBytes() {
    return 256 + attributes.estimatedBytes() + inputs.estimatedBytes() + opName.length();
  }

  @Override
  public StartRecord withoutValues() {
    return new StartRecord(
        projectId,
        id,
        traceId,
        parentId,
        opName,
        displayName,
        startedAtMicros,
        attributes,
        new OmittedJson(inputs.estimatedBytes(), true),
        threadId,
        turnId,
        rootLink);
  }
}
