package dev.weave4j;

import dev.weave4j.internal.trace.PendingOptions;
import dev.weave4j.internal.trace.Scopes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Options for the first op started directly in a body: the analogue of Python's {@code
 * __weave={"display_name": ..., "attributes": ..., "call_id": ...}}. Built by {@link
 * Weave#callOptions()}; not thread-safe; each {@code call}/{@code run} applies them once.
 */
public final class CallOptions {

  private String displayName;
  private final Map<String, Object> attributes = new LinkedHashMap<>();
  private String callId;

  CallOptions() {}

  /**
   * The call's display name.
   *
   * @throws IllegalArgumentException when empty
   */
  public CallOptions displayName(String displayName) {
    if (displayName == null || displayName.isEmpty()) {
      throw new IllegalArgumentException("displayName must not be empty");
    }
    this.displayName = displayName;
    return this;
  }

  /**
   * Attributes merged over those of the enclosing {@link Weave#attributes} scopes.
   *
   * @throws IllegalArgumentException for the reserved key {@code weave}
   */
  public CallOptions attributes(Map<String, ?> attributes) {
    attributes.forEach((k, v) -> this.attributes.put(Scopes.checkAttributeKey(k), v));
    return this;
  }

  /**
   * The call's id, instead of a generated UUIDv7.
   *
   * @throws IllegalArgumentException when blank
   */
  public CallOptions callId(String callId) {
    if (callId == null || callId.isBlank()) {
      throw new IllegalArgumentException("callId must not be blank");
    }
    this.callId = callId;
    return this;
  }

  /** Runs {@code body} with these options; never throws the body's exception. */
  public <T> CallResult<T> call(Callable<T> body) {
    Objects.requireNonNull(body, "body");
    PendingOptions pending =
        new PendingOptions(
            displayName, Collections.unmodifiableMap(new LinkedHashMap<>(attributes)), callId);
    Scopes.Outcome<T> o = Scopes.callWith(pending, body);
    return new CallResult<>(o.result(), o.exception(), o.call());
  }

  /** Runs {@code body} with these options; never throws the body's exception. */
  public CallResult<Void> run(Runnable body) {
    Objects.requireNonNull(body, "body");
    return call(
        () -> {
          body.run();
          return null;
        });
  }
}
