package dev.weave4j;

import java.util.Map;

/** A connection to one Weave project. Thread-safe. */
public interface WeaveClient extends AutoCloseable {

  /** The project id, {@code entity/project}. */
  String projectId();

  /**
   * Starts a call of op {@code op} by hand, as a child of the current call, and makes it current on
   * this thread until {@link #finishCall} or {@link #failCall}.
   */
  default Call createCall(String op, Map<String, ?> inputs) {
    return createCall(op, inputs, null, null, null);
  }

  /**
   * Starts a call of op {@code op} by hand.
   *
   * @param parent the parent call; null for the current call (a root when there is none)
   * @param attributes attributes merged over the enclosing scopes' (null for none)
   * @param displayName the display name (null for none)
   * @throws IllegalArgumentException for the reserved attribute key {@code weave}
   */
  Call createCall(
      String op, Map<String, ?> inputs, Call parent, Map<String, ?> attributes, String displayName);

  /** Ends a call started by {@link #createCall} with {@code output}. */
  void finishCall(Call call, Object output);

  /** Ends a call started by {@link #createCall} with {@code error}. */
  void failCall(Call call, Throwable error);

  /** Waits (bounded) until every call recorded so far has been exported. */
  void flush();

  /** Flushes and stops this client. */
  @Override
  void close();
}
