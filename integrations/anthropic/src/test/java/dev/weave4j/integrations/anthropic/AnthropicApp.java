package dev.weave4j.integrations.anthropic;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;

/**
 * An application using anthropic-java as users do, with no tracing code: the integration tests run
 * it with and without the agent against the local provider server ({@code args[0]}) and compare
 * what it prints.
 */
public final class AnthropicApp {

  private AnthropicApp() {}

  public static void main(String[] args) throws Exception {
    AnthropicClient client =
        AnthropicOkHttpClient.builder()
            .baseUrl(args[0])
            .apiKey("sk-ant-it-SECRET-KEY-0123456789")
            .maxRetries(0)
            .build();
    MessageCreateParams params =
        MessageCreateParams.builder()
            .model("claude-sonnet-4-5")
            .maxTokens(256)
            .addUserMessage("Say hello.")
            .build();
    System.out.println(
        "sync: " + client.messages().create(params).content().get(0).text().get().text());
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
      System.out.println("stream events: " + stream.stream().count());
    }
    System.out.println(
        "async: "
            + client.async().messages().create(params).get().content().get(0).text().get().text());
    System.out.println(
        "beta: "
            + client
                .beta()
                .messages()
                .create(
                    com.anthropic.models.beta.messages.MessageCreateParams.builder()
                        .model("claude-sonnet-4-5")
                        .maxTokens(256)
                        .addUserMessage("Say hello.")
                        .build())
                .content()
                .size());
    try {
      client.messages().create(params.toBuilder().model("claude-error-400").build());
    } catch (RuntimeException e) {
      System.out.println("error: " + e.getClass().getSimpleName());
    }
    // straight through withRawResponse(): one call, ended when parsed
    try (HttpResponseFor<Message> raw = client.messages().withRawResponse().create(params)) {
      System.out.println("raw: " + raw.parse().content().get(0).text().get().text());
    }
    client.close();
  }
}
