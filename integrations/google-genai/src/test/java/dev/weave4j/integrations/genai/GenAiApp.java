package dev.weave4j.integrations.genai;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;

/**
 * An application using google-genai as users do, with no tracing code: the integration tests run it
 * with and without the agent against the local provider server ({@code args[0]}) and compare what
 * it prints.
 */
public final class GenAiApp {

  private GenAiApp() {}

  public static void main(String[] args) throws Exception {
    Client client =
        Client.builder()
            .apiKey("AIza-it-SECRET-KEY-0123456789")
            .httpOptions(HttpOptions.builder().baseUrl(args[0]).build())
            .build();
    String model = "gemini-2.5-flash";
    System.out.println("sync: " + client.models.generateContent(model, "Say hello.", null).text());
    StringBuilder text = new StringBuilder();
    try (ResponseStream<GenerateContentResponse> stream =
        client.models.generateContentStream(model, "Say hello.", null)) {
      for (GenerateContentResponse chunk : stream) {
        text.append(chunk.text());
      }
    }
    System.out.println("stream: " + text);
    System.out.println(
        "async: " + client.async.models.generateContent(model, "Say hello.", null).get().text());
    try {
      client.models.generateContent("gemini-error-400", "Say hello.", null);
    } catch (RuntimeException e) {
      System.out.println("error: " + e.getClass().getSimpleName());
    }
    // dropped: never iterated nor closed
    client.models.generateContentStream(model, "Say hello.", null);
    System.out.println("dropped a stream");
    client.close();
    // the async client's executor keeps non-daemon threads alive
    System.exit(0);
  }
}
