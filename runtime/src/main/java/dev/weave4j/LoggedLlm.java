package dev.weave4j;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A finished LLM call, for {@link Weave#logTurn}: a {@code chat} span with the tool calls it led to
 * as children. Immutable.
 */
public record LoggedLlm(
    String model,
    String providerName,
    Instant startedAt,
    Instant endedAt,
    List<String> systemInstructions,
    List<Message> inputMessages,
    List<Message> outputMessages,
    String reasoning,
    Usage usage,
    List<String> finishReasons,
    List<LoggedTool> tools) {

  /** Lists copied. */
  public LoggedLlm {
    systemInstructions = List.copyOf(systemInstructions);
    inputMessages = List.copyOf(inputMessages);
    outputMessages = List.copyOf(outputMessages);
    finishReasons = List.copyOf(finishReasons);
    tools = List.copyOf(tools);
  }

  /** A call to {@code model} of {@code providerName} that ran between the times. */
  public static Builder builder(
      String model, String providerName, Instant startedAt, Instant endedAt) {
    return new Builder(model, providerName, startedAt, endedAt);
  }

  /** Builds a {@link LoggedLlm}. */
  public static final class Builder {
    private final String model;
    private final String providerName;
    private final Instant startedAt;
    private final Instant endedAt;
    private final List<String> systemInstructions = new ArrayList<>();
    private final List<Message> inputMessages = new ArrayList<>();
    private final List<Message> outputMessages = new ArrayList<>();
    private String reasoning;
    private Usage usage;
    private final List<String> finishReasons = new ArrayList<>();
    private final List<LoggedTool> tools = new ArrayList<>();

    private Builder(String model, String providerName, Instant startedAt, Instant endedAt) {
      this.model = model;
      this.providerName = providerName;
      this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
      this.endedAt = Objects.requireNonNull(endedAt, "endedAt");
    }

    /** {@code gen_ai.system_instructions}. */
    public Builder systemInstructions(String... instructions) {
      systemInstructions.addAll(List.of(instructions));
      return this;
    }

    /** {@code gen_ai.input.messages}. */
    public Builder inputMessages(List<Message> messages) {
      inputMessages.addAll(messages);
      return this;
    }

    /** {@code gen_ai.output.messages}. */
    public Builder outputMessages(List<Message> messages) {
      outputMessages.addAll(messages);
      return this;
    }

    /** The model's reasoning. */
    public Builder reasoning(String text) {
      this.reasoning = text;
      return this;
    }

    /** Token usage. */
    public Builder usage(Usage usage) {
      this.usage = usage;
      return this;
    }

    /** {@code gen_ai.response.finish_reasons}. */
    public Builder finishReasons(List<String> reasons) {
      finishReasons.addAll(reasons);
      return this;
    }

    /** A tool call made from this LLM call's answer (a child span). */
    public Builder tool(LoggedTool tool) {
      tools.add(Objects.requireNonNull(tool, "tool"));
      return this;
    }

    /** The LLM call. */
    public LoggedLlm build() {
      return new LoggedLlm(
          model,
          providerName,
          startedAt,
          endedAt,
          systemInstructions,
          inputMessages,
          outputMessages,
          reasoning,
          usage,
          finishReasons,
          tools);
    }
  }
}
