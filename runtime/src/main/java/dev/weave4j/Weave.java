package dev.weave4j;

import dev.weave4j.internal.WeaveRuntime;
import dev.weave4j.internal.trace.Contexts;
import java.util.Optional;

/**
 * The weave4j entry point. With the agent ({@code -javaagent:weave-agent.jar}) tracing is set up
 * from configuration at start-up and these methods see the same runtime; without it, call {@link
 * #init(String)} first.
 */
public final class Weave {

  private Weave() {}

  /**
   * Starts tracing to {@code project} with every other setting resolved from the environment, or
   * returns the client already running.
   *
   * @throws IllegalArgumentException for a bad project name or configuration value
   */
  public static WeaveClient init(String project) {
    return init(WeaveSettings.fromEnvironment().toBuilder().project(project).build());
  }

  /**
   * Starts tracing with {@code settings}, or returns the client already running (the first
   * initialisation wins, as with the agent).
   */
  public static WeaveClient init(WeaveSettings settings) {
    WeaveRuntime runtime = WeaveRuntime.install(settings);
    return runtime == null ? WeaveRuntime.clientOrNoop() : runtime.client();
  }

  /** The running client, or a no-op client when tracing is not initialised or disabled. */
  public static WeaveClient client() {
    return WeaveRuntime.clientOrNoop();
  }

  /** The call running on this thread, if any. */
  public static Optional<Call> currentCall() {
    return Optional.ofNullable(Contexts.currentCall());
  }

  /** Waits (bounded) until every call recorded so far has been exported. */
  public static void flush() {
    client().flush();
  }

  /** Flushes and stops tracing; later calls are not traced until the next {@code init}. */
  public static void finish() {
    WeaveRuntime.shutdown();
  }
}
