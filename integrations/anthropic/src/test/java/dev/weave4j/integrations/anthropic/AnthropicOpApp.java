package dev.weave4j.integrations.anthropic;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.weave4j.annotations.WeaveOp;

/**
 * An app whose own {@code @WeaveOp} makes anthropic-java calls (one plain, one streamed): run under
 * the agent only.
 */
public final class AnthropicOpApp {

  private final AnthropicClient client;

  private AnthropicOpApp(AnthropicClient client) {
    this.client = client;
  }

  public static void main(String[] args) {
    AnthropicClient client =
        AnthropicOkHttpClient.builder()
            .baseUrl(args[0])
            .apiKey("sk-ant-it-SECRET-KEY-0123456789")
            .maxRetries(0)
            .build();
    System.out.println("answer: " + new AnthropicOpApp(client).answer("Say hello."));
    client.close();
  }

  @WeaveOp(name = "answer")
  public String answer(String question) {
    MessageCreateParams params =
        MessageCreateParams.builder()
            .model("claude-sonnet-4-5")
            .maxTokens(256)
            .addUserMessage(question)
            .build();
    String first = client.messages().create(params).content().get(0).text().get().text();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
      return first + " / " + stream.stream().count() + " events";
    }
  }
}
