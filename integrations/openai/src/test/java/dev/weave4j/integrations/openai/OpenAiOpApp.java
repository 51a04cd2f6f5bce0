package dev.weave4j.integrations.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.weave4j.Weave;
import dev.weave4j.annotations.WeaveOp;
import java.util.stream.Collectors;

/**
 * An app whose own {@code @WeaveOp} makes openai-java calls (one plain, one streamed): run under
 * the agent only. With {@code configure} as {@code args[1]} it first sets the integration's op
 * settings in code.
 */
public final class OpenAiOpApp {

  private final OpenAIClient client;

  private OpenAiOpApp(OpenAIClient client) {
    this.client = client;
  }

  public static void main(String[] args) {
    if (args.length > 1 && args[1].equals("configure")) {
      Weave.integrations()
          .configure(
              "openai",
              s ->
                  s.opName("llm")
                      .callDisplayName("{inputs.model}")
                      .postprocessInputs(KeepModelOnly.class));
    }
    OpenAIClient client =
        OpenAIOkHttpClient.builder()
            .baseUrl(args[0])
            .apiKey("sk-it-SECRET-KEY-0123456789")
            .maxRetries(0)
            .build();
    System.out.println("answer: " + new OpenAiOpApp(client).answer("Say hello."));
    client.close();
  }

  @WeaveOp(name = "answer")
  public String answer(String question) {
    ChatCompletionCreateParams params =
        ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage(question).build();
    String first =
        client.chat().completions().create(params).choices().get(0).message().content().orElse("");
    // a local server is not asked for stream usage by default: ask for it, as users of one do
    ChatCompletionCreateParams withUsage =
        params.toBuilder()
            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
            .build();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(withUsage)) {
      return first
          + " / "
          + stream.stream()
              .filter(c -> !c.choices().isEmpty())
              .map(c -> c.choices().get(0).delta().content().orElse(""))
              .collect(Collectors.joining());
    }
  }
}
