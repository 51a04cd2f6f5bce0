package dev.weave4j.integrations.anthropic;

import com.anthropic.core.ClientOptions;
import com.anthropic.models.messages.MessageCreateParams;
import dev.weave4j.integrations.anthropic.AnthropicTracing.AnthropicCall;

/**
 * What the advice calls (a helper defined in the application's loader next to the SDK): one tracing
 * instance through the installed runtime, and the start and end of an advised method.
 */
public final class AnthropicHooks {

  /** What an advised method does. */
  public static final int MESSAGE = 0;

  public static final int MESSAGE_STREAM = 1;
  public static final int BETA_MESSAGE = 2;
  public static final int BETA_MESSAGE_STREAM = 3;

  private static final AnthropicTracing TRACING = AnthropicTracing.withRuntime();

  private AnthropicHooks() {}

  /** Starts the call of an advised method of kind {@code kind}; null when not traced. */
  public static AnthropicCall start(int kind, Object params, ClientOptions options) {
    String baseUrl = options == null ? null : options.baseUrl();
    return switch (kind) {
      case MESSAGE, MESSAGE_STREAM ->
          TRACING.startMessage((MessageCreateParams) params, baseUrl, kind == MESSAGE_STREAM);
      default ->
          TRACING.startBetaMessage(
              (com.anthropic.models.beta.messages.MessageCreateParams) params,
              baseUrl,
              kind == BETA_MESSAGE_STREAM);
    };
  }

  /** Ends the call (or keeps it open for a stream); returns what the method returns. */
  public static Object exit(Object call, Object returned, Throwable thrown) {
    if (!(call instanceof AnthropicCall c)) {
      return returned;
    }
    if (thrown != null) {
      c.threw(thrown);
      return returned;
    }
    return c.returned(returned);
  }
}
