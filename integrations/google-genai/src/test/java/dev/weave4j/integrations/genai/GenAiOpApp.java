package dev.weave4j.integrations.genai;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import dev.weave4j.annotations.WeaveOp;

/**
 * An app whose own {@code @WeaveOp} makes google-genai calls (one plain, one streamed): run under
 * the agent only.
 */
public final class GenAiOpApp {

  private final Client client;

  private GenAiOpApp(Client client) {
    this.client = client;
  }

  public static void main(String[] args) {
    Client client =
        Client.builder()
            .apiKey("AIza-it-SECRET-KEY-0123456789")
            .httpOptions(HttpOptions.builder().baseUrl(args[0]).build())
            .build();
    System.out.println("answer: " + new GenAiOpApp(client).answer("Say hello."));
    client.close();
  }

  @WeaveOp(name = "answer")
  public String answer(String question) {
    String model = "gemini-2.5-flash";
    StringBuilder text =
        new StringBuilder(client.models.generateContent(model, question, null).text());
    text.append(" / ");
    try (ResponseStream<GenerateContentResponse> stream =
        client.models.generateContentStream(model, question, null)) {
      for (GenerateContentResponse chunk : stream) {
        text.append(chunk.text());
      }
    }
    return text.toString();
  }
}
