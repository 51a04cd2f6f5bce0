package dev.weave4j.integrations.springai;

import dev.weave4j.annotations.WeaveOp;
import java.util.List;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.document.Document;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.OpenAiEmbeddingModel;
import org.springframework.ai.openai.OpenAiEmbeddingOptions;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;

/**
 * An application using Spring AI 2 (whose OpenAI models run over openai-java) as users do, with no
 * tracing code but one {@code @WeaveOp}: the integration tests run it with and without the agent
 * against the local provider server ({@code args[0]}, its OpenAI base URL) and compare what it
 * prints.
 */
public final class SpringAiApp {

  private static final String API_KEY = "sk-it-SECRET-KEY-0123456789";

  private SpringAiApp() {}

  /** The tool the model is offered. */
  public static final class WeatherTools {
    @Tool(description = "The current weather in a city")
    public String weather(String city) {
      return "sunny, 21 C in " + city;
    }
  }

  /** The app's own op around a chat client call. */
  public static final class Assistant {
    private final ChatClient client;

    Assistant(ChatClient client) {
      this.client = client;
    }

    @WeaveOp
    public String ask(String question) {
      return client.prompt().user(question).tools(new WeatherTools()).call().content();
    }
  }

  public static void main(String[] args) {
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .options(
                OpenAiChatOptions.builder()
                    .baseUrl(args[0])
                    .apiKey(API_KEY)
                    .model("gpt-4o-mini")
                    .maxRetries(0)
                    .build())
            .build();
    ChatClient client = ChatClient.create(model);

    System.out.println("tool: " + new Assistant(client).ask("What is the weather in Paris?"));

    List<String> pieces =
        client.prompt().user("Say hello.").stream().content().collectList().block();
    System.out.println("stream: " + String.join("", pieces));

    OpenAiEmbeddingModel embeddings =
        OpenAiEmbeddingModel.builder()
            .options(
                OpenAiEmbeddingOptions.builder()
                    .baseUrl(args[0])
                    .apiKey(API_KEY)
                    .model("text-embedding-3-small")
                    .maxRetries(0)
                    .build())
            .build();
    SimpleVectorStore store = SimpleVectorStore.builder(embeddings).build();
    store.add(List.of(new Document("Paris is the capital of France.")));
    List<Document> found =
        store.similaritySearch(SearchRequest.builder().query("capital of France").topK(1).build());
    System.out.println("found: " + found.get(0).getText());
    // The OpenAI clients' OkHttp threads would hold the JVM up for a minute after main returns.
    System.exit(0);
  }
}
