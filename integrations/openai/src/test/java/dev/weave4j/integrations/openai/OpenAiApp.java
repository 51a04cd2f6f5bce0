package dev.weave4j.integrations.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.ResponseCreateParams;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * An application using openai-java as users do, with no tracing code: the integration tests run it
 * with and without the agent against the local provider server ({@code args[0]}, its base URL) and
 * compare what it prints.
 */
public final class OpenAiApp {

  private OpenAiApp() {}

  public static void main(String[] args) throws Exception {
    OpenAIClient client =
        OpenAIOkHttpClient.builder()
            .baseUrl(args[0])
            .apiKey("sk-it-SECRET-KEY-0123456789")
            .maxRetries(0)
            .build();
    ChatCompletionCreateParams params =
        ChatCompletionCreateParams.builder()
            .model("gpt-4o-mini")
            .addUserMessage("Say hello.")
            .build();

    ChatCompletion answer = client.chat().completions().create(params);
    System.out.println("sync: " + answer.choices().get(0).message().content().orElse(""));

    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(params)) {
      System.out.println("stream: " + text(stream.stream().collect(Collectors.toList())));
    }

    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(params)) {
      System.out.println("first: " + text(stream.stream().limit(2).collect(Collectors.toList())));
    }

    // never closed: consumed to the end through its iterator
    Iterator<ChatCompletionChunk> it =
        client.chat().completions().createStreaming(params).stream().iterator();
    int chunks = 0;
    while (it.hasNext()) {
      it.next();
      chunks++;
    }
    System.out.println("unclosed chunks: " + chunks);

    ChatCompletionCreateParams tools =
        params.toBuilder()
            .putAdditionalBodyProperty(
                "tools",
                JsonValue.from(
                    List.of(
                        Map.of(
                            "type",
                            "function",
                            "function",
                            Map.of(
                                "name", "get_weather", "parameters", Map.of("type", "object"))))))
            .build();
    System.out.println(
        "tool: "
            + client
                .chat()
                .completions()
                .create(tools)
                .choices()
                .get(0)
                .message()
                .toolCalls()
                .map(List::size)
                .orElse(0));

    System.out.println(
        "async: "
            + client
                .async()
                .chat()
                .completions()
                .create(params)
                .get()
                .choices()
                .get(0)
                .message()
                .content()
                .orElse(""));

    System.out.println("async stream: " + asyncStreamText(client, params));

    System.out.println(
        "response: "
            + client
                .responses()
                .create(ResponseCreateParams.builder().model("gpt-4.1").input("Hi.").build())
                .id());
    System.out.println(
        "embedding: "
            + client
                .embeddings()
                .create(
                    EmbeddingCreateParams.builder()
                        .model("text-embedding-3-small")
                        .input("hello")
                        .build())
                .data()
                .size());
    try {
      client.chat().completions().create(params.toBuilder().model("gpt-error-400").build());
    } catch (RuntimeException e) {
      System.out.println("error: " + e.getClass().getSimpleName());
    }
    client.close();
  }

  /** Streams through the async client, gathering the text the handler is given. */
  private static String asyncStreamText(OpenAIClient client, ChatCompletionCreateParams params)
      throws Exception {
    StringBuilder text = new StringBuilder();
    CompletableFuture<Optional<Throwable>> done = new CompletableFuture<>();
    client
        .async()
        .chat()
        .completions()
        .createStreaming(params)
        .subscribe(
            new AsyncStreamResponse.Handler<ChatCompletionChunk>() {
              @Override
              public void onNext(ChatCompletionChunk chunk) {
                synchronized (text) {
                  text.append(text(List.of(chunk)));
                }
              }

              @Override
              public void onComplete(Optional<Throwable> error) {
                done.complete(error);
              }
            });
    Optional<Throwable> error = done.get(2, TimeUnit.MINUTES);
    synchronized (text) {
      return error.map(e -> "failed: " + e).orElse(text.toString());
    }
  }

  private static String text(List<ChatCompletionChunk> chunks) {
    return chunks.stream()
        .filter(c -> !c.choices().isEmpty())
        .map(c -> c.choices().get(0).delta().content().orElse(""))
        .collect(Collectors.joining());
  }
}
