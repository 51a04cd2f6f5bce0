package dev.weave4j.examples;

import dev.weave4j.annotations.WeaveOp;

/** A stand-in for an LLM client, so the example needs no network and no key. */
public final class FakeModel {

  private final String model;

  /** A fake model named {@code model}. */
  public FakeModel(String model) {
    this.model = model;
  }

  /** A completion of {@code prompt}, with token usage as a real client reports it. */
  @WeaveOp(kind = "llm")
  public Completion complete(String prompt, double temperature) {
    String context = prompt.substring(prompt.indexOf("Context:") + "Context:".length()).trim();
    String text = "Based on what I found: " + context.lines().findFirst().orElse("nothing");
    int promptTokens = prompt.split("\\s+").length;
    int completionTokens = text.split("\\s+").length;
    return new Completion(
        model, text, new Usage(promptTokens, completionTokens, promptTokens + completionTokens));
  }

  /** What the model answered; {@code model} and {@code usage} make Weave count tokens. */
  public record Completion(String model, String text, Usage usage) {}

  /** Token usage, recorded as {@code summary.usage[model]}. */
  public record Usage(int promptTokens, int completionTokens, int totalTokens) {}
}
