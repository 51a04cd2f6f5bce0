package dev.weave4j.integrations.springai;

import dev.weave4j.integrations.springai.SpringAiTracing.SpringAiCall;
import org.springframework.ai.tool.ToolCallback;

/**
 * What the advice calls (a helper defined in the application's loader next to Spring AI): one
 * tracing instance through the installed runtime, and the start and end of an advised method.
 */
public final class SpringAiHooks {

  private static final SpringAiTracing TRACING = SpringAiTracing.withRuntime();

  private SpringAiHooks() {}

  /** Starts the call of an advised method of kind {@code kind}; null when not traced. */
  public static Object start(int kind, Object argument) {
    return TRACING.start(kind, argument);
  }

  /** Starts the call of tool callback {@code tool}; null when not traced. */
  public static Object startTool(Object tool, String input) {
    return tool instanceof ToolCallback t ? TRACING.startTool(t, input) : null;
  }

  /** Ends the call (or keeps it open for a stream); returns what the method returns. */
  public static Object exit(Object call, Object returned, Throwable thrown) {
    if (!(call instanceof SpringAiCall c)) {
      return returned;
    }
    if (thrown != null) {
      c.threw(thrown);
      return returned;
    }
    return c.returned(returned);
  }
}
