package dev.weave4j.integrations.openai;

import com.openai.core.ClientOptions;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.ResponseCreateParams;
import dev.weave4j.integrations.openai.OpenAiTracing.OpenAiCall;

/**
 * What the advice calls (a helper defined in the application's loader next to the SDK): one tracing
 * instance through the installed runtime, and the start and end of an advised method.
 */
public final class OpenAiHooks {

  /** What an advised method does. */
  public static final int CHAT = 0;

  public static final int CHAT_STREAM = 1;
  public static final int RESPONSE = 2;
  public static final int RESPONSE_STREAM = 3;
  public static final int EMBEDDING = 4;

  private static final OpenAiTracing TRACING = OpenAiTracing.withRuntime();

  private OpenAiHooks() {}

  /** Starts the call of an advised method of kind {@code kind}; null when not traced. */
  public static OpenAiCall start(int kind, Object params, ClientOptions options) {
    String baseUrl = options == null ? null : options.baseUrl();
    return switch (kind) {
      case CHAT, CHAT_STREAM ->
          TRACING.startChat((ChatCompletionCreateParams) params, baseUrl, kind == CHAT_STREAM);
      case RESPONSE, RESPONSE_STREAM ->
          TRACING.startResponse((ResponseCreateParams) params, baseUrl, kind == RESPONSE_STREAM);
      default -> TRACING.startEmbedding((EmbeddingCreateParams) params, baseUrl);
    };
  }

  /** The params the advised method sends: {@code params}, or the call's. */
  public static Object params(Object call, Object params) {
    return call instanceof OpenAiCall c ? c.params() : params;
  }

  /** Ends the call (or keeps it open for a stream); returns what the method returns. */
  public static Object exit(Object call, Object returned, Throwable thrown) {
    if (!(call instanceof OpenAiCall c)) {
      return returned;
    }
    if (thrown != null) {
      c.threw(thrown);
      return returned;
    }
    return c.returned(returned);
  }
}
