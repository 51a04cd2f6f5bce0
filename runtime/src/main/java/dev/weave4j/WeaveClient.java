package dev.weave4j;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

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

  /**
   * The call with this id, as the store or server has it now (calls recorded so far are flushed
   * first); empty when there is none (or it was deleted).
   */
  Optional<Call> getCall(String id);

  /**
   * The calls matching {@code query}, fetched lazily page by page ({@code /calls/stream_query}) as
   * the stream is consumed. Close the stream, or consume it, to release the connection.
   *
   * @throws IllegalArgumentException when the server rejects the query (bad field or operator)
   */
  Stream<Call> getCalls(CallsQuery query);

  /** How many calls match {@code query} ({@code /calls/query_stats}); limit applies, offset not. */
  long countCalls(CallsQuery query);

  /**
   * Deletes calls and all their descendants ({@code /calls/delete}).
   *
   * @return how many calls were deleted, descendants included
   * @throws IllegalArgumentException for more than {@value #MAX_DELETE_CALLS} ids
   */
  int deleteCalls(Collection<String> callIds);

  /** The most call ids one {@link #deleteCalls} accepts, as on the Weave server. */
  int MAX_DELETE_CALLS = 1000;

  /** Waits (bounded) until every call recorded so far has been exported. */
  void flush();

  /** Flushes and stops this client. */
  @Override
  void close();
}
