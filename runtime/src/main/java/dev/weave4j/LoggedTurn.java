package dev.weave4j;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A finished exchange, for {@link Weave#logTurn} and {@link Weave#logConversation}: an {@code
 * invoke_agent} span with its LLM calls as children. Immutable.
 */
public record LoggedTurn(
    String userMessage, String output, Instant startedAt, Instant endedAt, List<LoggedLlm> llms) {

  /** Lists copied. */
  public LoggedTurn {
    llms = List.copyOf(llms);
  }

  /** A turn started by {@code userMessage} that ran between the times. */
  public static Builder builder(String userMessage, Instant startedAt, Instant endedAt) {
    return new Builder(userMessage, startedAt, endedAt);
  }

  /** Builds a {@link LoggedTurn}. */
  public static final class Builder {
    private final String userMessage;
    private final Instant startedAt;
    private final Instant endedAt;
    private String output;
    private final List<LoggedLlm> llms = new ArrayList<>();

    private Builder(String userMessage, Instant startedAt, Instant endedAt) {
      this.userMessage = userMessage;
      this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
      this.endedAt = Objects.requireNonNull(endedAt, "endedAt");
    }

    /** The agent's answer. */
    public Builder output(String text) {
      this.output = text;
      return this;
    }

    /** An LLM call of the turn (a child span), in order. */
    public Builder llm(LoggedLlm llm) {
      llms.add(Objects.requireNonNull(llm, "llm"));
      return this;
    }

    /** The turn. */
    public LoggedTurn build() {
      return new LoggedTurn(userMessage, output, startedAt, endedAt, llms);
    }
  }
}
