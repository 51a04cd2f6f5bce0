package dev.weave4j.internal.export;

import dev.weave4j.internal.util.CallId;

/**
 * Internal, unstable. A call start ({@code StartedCallSchemaForInsert}); {@code attributesJson} is
 * the UTF-8 bytes of one JSON object, {@code inputs} the inputs object; {@code parentId} is null
 * for a root call.
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
    byte[] attributesJson,
    JsonPart inputs,
    String threadId,
    String turnId,
    boolean rootLink)
    implements CallRecord {

  @Override
  public int estimatedBytes() {
    return 256 + attributesJson.length + inputs.estimatedBytes() + opName.length();
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
        attributesJson,
        new OmittedJson(inputs.estimatedBytes(), true),
        threadId,
        turnId,
        rootLink);
  }
}
