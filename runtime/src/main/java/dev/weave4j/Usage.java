package dev.weave4j;

/**
 * Token counts of one LLM call, recorded as {@code gen_ai.usage.*} (the cache counts only when not
 * zero). Immutable; build with {@link #builder()} or {@link #of(long, long)}.
 */
public final class Usage {

  private final long inputTokens;
  private final long outputTokens;
  private final long reasoningTokens;
  private final long cacheCreationInputTokens;
  private final long cacheReadInputTokens;

  private Usage(Builder b) {
    this.inputTokens = b.inputTokens;
    this.outputTokens = b.outputTokens;
    this.reasoningTokens = b.reasoningTokens;
    this.cacheCreationInputTokens = b.cacheCreationInputTokens;
    this.cacheReadInputTokens = b.cacheReadInputTokens;
  }

  /** Input and output tokens only. */
  public static Usage of(long inputTokens, long outputTokens) {
    return builder().inputTokens(inputTokens).outputTokens(outputTokens).build();
  }

  /** A builder with every count 0. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code gen_ai.usage.input_tokens}. */
  public long inputTokens() {
    return inputTokens;
  }

  /** {@code gen_ai.usage.output_tokens}. */
  public long outputTokens() {
    return outputTokens;
  }

  /** {@code gen_ai.usage.reasoning_tokens}. */
  public long reasoningTokens() {
    return reasoningTokens;
  }

  /** {@code gen_ai.usage.cache_creation.input_tokens}. */
  public long cacheCreationInputTokens() {
    return cacheCreationInputTokens;
  }

  /** {@code gen_ai.usage.cache_read.input_tokens}. */
  public long cacheReadInputTokens() {
    return cacheReadInputTokens;
  }

  @Override
  public String toString() {
    return "Usage[input=" + inputTokens + ", output=" + outputTokens + "]";
  }

  /** Builds a {@link Usage}. */
  public static final class Builder {
    private long inputTokens;
    private long outputTokens;
    private long reasoningTokens;
    private long cacheCreationInputTokens;
    private long cacheReadInputTokens;

    private Builder() {}

    /** Tokens read by the model. */
    public Builder inputTokens(long n) {
      this.inputTokens = n;
      return this;
    }

    /** Tokens produced by the model. */
    public Builder outputTokens(long n) {
      this.outputTokens = n;
      return this;
    }

    /** Tokens spent reasoning. */
    public Builder reasoningTokens(long n) {
      this.reasoningTokens = n;
      return this;
    }

    /** Input tokens written to the provider's prompt cache. */
    public Builder cacheCreationInputTokens(long n) {
      this.cacheCreationInputTokens = n;
      return this;
    }

    /** Input tokens read from the provider's prompt cache. */
    public Builder cacheReadInputTokens(long n) {
      this.cacheReadInputTokens = n;
      return this;
    }

    /** The usage. */
    public Usage build() {
      return new Usage(this);
    }
  }
}
