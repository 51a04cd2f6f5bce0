package dev.weave4j;

import java.time.Instant;
import java.util.Objects;

/** A finished tool call, for {@link Weave#logTurn}: an {@code execute_tool} span. Immutable. */
public record LoggedTool(
    String name,
    String arguments,
    String toolCallId,
    String result,
    Throwable error,
    Instant startedAt,
    Instant endedAt) {

  /** A tool call {@code name} with {@code arguments} (as given) that ran between the times. */
  public static Builder builder(String name, String arguments, Instant startedAt, Instant endedAt) {
    return new Builder(name, arguments, startedAt, endedAt);
  }

  /** Builds a {@link LoggedTool}. */
  public static final class Builder {
    private final String name;
    private final String arguments;
    private final Instant startedAt;
    private final Instant endedAt;
    private String toolCallId;
    private String result;
    private Throwable error;

    private Builder(String name, String arguments, Instant startedAt, Instant endedAt) {
      this.name = name;
      this.arguments = arguments;
      this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
      this.endedAt = Objects.requireNonNull(endedAt, "endedAt");
    }

    /** The model's tool call id. */
    public Builder toolCallId(String id) {
      this.toolCallId = id;
      return this;
    }

    /** The result, as given. */
    public Builder result(String result) {
      this.result = result;
      return this;
    }

    /** The tool failed with {@code error}. */
    public Builder error(Throwable error) {
      this.error = error;
      return this;
    }

    /** The tool call. */
    public LoggedTool build() {
      return new LoggedTool(name, arguments, toolCallId, result, error, startedAt, endedAt);
    }
  }
}
