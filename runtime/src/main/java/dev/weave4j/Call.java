package dev.weave4j;

import dev.weave4j.annotations.CallInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One traced call of an op. While the call runs, {@link #summary()} may be changed; everything else
 * is fixed when the call starts or ends.
 */
public interface Call extends CallInfo {

  /** The display name, if one was set. */
  Optional<String> displayName();

  /**
   * The op's published ref ({@code weave:///entity/project/op/name:digest}) when the call was read
   * from a Weave server that recorded one; {@link #opName()} is the short name either way.
   */
  default Optional<String> opRef() {
    return Optional.empty();
  }

  /** When the call started. */
  Instant startedAt();

  /** When the call ended, or empty while it runs. */
  Optional<Instant> endedAt();

  /** The return value as the method returned it, or null (while running, void, or on exception). */
  Object output();

  /** The exception the call ended with, if any. */
  Optional<Throwable> exception();

  /**
   * The call's summary: mutable while the call runs (thread-safe), deep-merged with the computed
   * summary (usage, status counts) when it ends.
   */
  Map<String, Object> summary();

  /** The thread this call belongs to ({@code Weave.thread}), if any. */
  Optional<String> threadId();

  /** The turn this call belongs to: the id of the first-level call inside the thread scope. */
  Optional<String> turnId();

  /**
   * Renames the call after the fact (recorded as a {@code /call/update}).
   *
   * @throws IllegalArgumentException for a null or empty name
   */
  void setDisplayName(String displayName);

  /** Removes the display name (recorded as a {@code /call/update} with an empty name). */
  void removeDisplayName();

  /**
   * The direct children of this call, oldest first, as the store or server has them now (pending
   * calls are flushed first). Empty when tracing is off.
   */
  List<Call> children();

  /**
   * Deletes this call and all its descendants ({@code /calls/delete}). A deleted call is no longer
   * returned by queries.
   */
  void delete();

  /** This call's feedback: add reactions, notes or custom feedback, or list it. */
  CallFeedback feedback();

  /**
   * The web page that shows this call: in remote mode the W&B Weave UI page ({@code
   * https://wandb.ai/<entity>/<project>/r/call/<id>} for the default server), or, when the server
   * is weave4j's {@code serve}, its viewer page ({@code <server>/#/<entity>/<project>/call/<id>});
   * empty in local mode (use the {@code tree} command) and when tracing is off. In remote mode the
   * first use may ask the server's {@code /server_info} once (bounded to a few seconds).
   */
  Optional<String> uiUrl();
}
