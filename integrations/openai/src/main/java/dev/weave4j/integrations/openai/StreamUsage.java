package dev.weave4j.integrations.openai;

import java.util.Locale;

/**
 * Whether a chat completions stream asks for usage ({@code stream_options.include_usage}) when the
 * caller did not, hiding the extra usage-only chunk from the caller, as Weave's Python integration
 * does: {@link #AUTO} for OpenAI's and Azure's hosts only (other OpenAI-compatible servers may
 * reject the field).
 */
public enum StreamUsage {
  AUTO,
  ALWAYS,
  NEVER;

  /**
   * The mode {@code weave.integrations.openai.include_stream_usage} names ({@code auto}, {@code
   * true}, {@code false}); {@code fallback} when it is not set.
   */
  static StreamUsage of(String setting, StreamUsage fallback) {
    if (setting == null) {
      return fallback;
    }
    return switch (setting) {
      case "true" -> ALWAYS;
      case "false" -> NEVER;
      default -> AUTO;
    };
  }

  /** Whether to ask for usage from {@code host}. */
  boolean appliesTo(String host) {
    return switch (this) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> isOpenAiOrAzure(host);
    };
  }

  static boolean isOpenAiOrAzure(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("api.openai.com")
        || h.endsWith(".openai.azure.com")
        || h.endsWith(".cognitiveservices.azure.com")
        || h.endsWith(".services.ai.azure.com");
  }
}
