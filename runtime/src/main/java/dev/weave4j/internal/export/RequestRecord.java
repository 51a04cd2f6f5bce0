package dev.weave4j.internal.export;

/**
 * Internal, unstable. Any other Weave request in the store's envelope, {@code {"mode": mode, "req":
 * reqJson}}: e.g. {@code call_update} with {@code {"project_id","call_id","display_name"}}.
 */
public record RequestRecord(String mode, byte[] reqJson) implements CallRecord {

  /** Mode of a display-name update ({@code /call/update}). */
  public static final String CALL_UPDATE = "call_update";

  @Override
  public int estimatedBytes() {
    return 64 + reqJson.length;
  }
}
