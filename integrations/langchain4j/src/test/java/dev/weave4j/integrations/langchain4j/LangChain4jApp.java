package dev.weave4j.integrations.langchain4j;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An application using LangChain4j as users do, with no tracing code: an AI service with two tools
 * and a content retriever over an in-memory embedding store, answering once and once streamed,
 * against the local provider server ({@code args[0]}, its OpenAI base URL). The integration tests
 * run it with and without the agent and compare what it prints.
 */
public final class LangChain4jApp {

  static final String API_KEY = "sk-it-SECRET-KEY-0123456789";

  /** The AI service. */
  public interface Assistant {
    String answer(String question);
  }

  /** The same, streamed. */
  public interface StreamingAssistant {
    TokenStream answer(String question);
  }

  /** The service's tools. */
  public static final class CityTools {
    @Tool("The weather in a city")
    public String weather(String city) {
      return "Sunny in " + city;
    }

    @Tool("The local time in a city")
    public String localTime(String city) {
      return "Noon in " + city;
    }
  }

  private LangChain4jApp() {}

  public static void main(String[] args) throws Exception {
    String baseUrl = args[0];
    EmbeddingModel embeddings =
        OpenAiEmbeddingModel.builder()
            .baseUrl(baseUrl)
            .apiKey(API_KEY)
            .modelName("text-embedding-3-small")
            .maxRetries(0)
            .build();
    InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
    List<TextSegment> docs =
        List.of(
            TextSegment.from("Paris is the capital of France."),
            TextSegment.from("The Seine flows through Paris."),
            TextSegment.from("Lyon is known for its food."));
    store.addAll(embeddings.embedAll(docs).content(), docs);
    ContentRetriever retriever =
        EmbeddingStoreContentRetriever.builder()
            .embeddingStore(store)
            .embeddingModel(embeddings)
            .maxResults(2)
            .build();

    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(baseUrl)
            .apiKey(API_KEY)
            .modelName("gpt-4o-mini")
            .maxRetries(0)
            .build();
    Assistant assistant =
        AiServices.builder(Assistant.class)
            .chatModel(model)
            .tools(new CityTools())
            .contentRetriever(retriever)
            .build();
    System.out.println("answer: " + assistant.answer("What is the weather in Paris?"));

    OpenAiStreamingChatModel streamingModel =
        OpenAiStreamingChatModel.builder()
            .baseUrl(baseUrl)
            .apiKey(API_KEY)
            .modelName("gpt-4o-mini")
            .build();
    StreamingAssistant streaming =
        AiServices.builder(StreamingAssistant.class)
            .streamingChatModel(streamingModel)
            .tools(new CityTools())
            .contentRetriever(retriever)
            .build();
    StringBuilder tokens = new StringBuilder();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    streaming
        .answer("And the time in Paris?")
        .onPartialResponse(tokens::append)
        .onCompleteResponse(done::complete)
        .onError(done::completeExceptionally)
        .start();
    ChatResponse response = done.get(60, TimeUnit.SECONDS);
    System.out.println("streamed: " + tokens);
    System.out.println("streamed response: " + response.aiMessage().text());

    System.out.println("plain: " + model.chat("Say hello."));
  }
}
