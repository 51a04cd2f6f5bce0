package dev.weave4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link Conversation} is recorded: agent name, default model, id and name, whether message
 * content is kept, and attributes stamped on every span of the conversation. Immutable.
 */
public final class ConversationOptions {

  private final String agentName;
  private final String model;
  private final String conversationId;
  private final String conversationName;
  private final boolean includeContent;
  private final boolean continueParentTrace;
  private final Map<String, Object> attributes;

  private ConversationOptions(Builder b) {
    this.agentName = b.agentName;
    this.model = b.model;
    this.conversationId = b.conversationId;
    this.conversationName = b.conversationName;
    this.includeContent = b.includeContent;
    this.continueParentTrace = b.continueParentTrace;
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
  }

  /** A builder: no agent name or model, a new id, content included. */
  public static Builder builder() {
    return new Builder();
  }

  /** Options for agent {@code agentName}, everything else as in {@link #builder()}. */
  public static ConversationOptions of(String agentName) {
    return builder().agentName(agentName).build();
  }

  /** {@code gen_ai.agent.name}, or null. */
  public String agentName() {
    return agentName;
  }

  /** The model turns carry as {@code gen_ai.request.model}, or null. */
  public String model() {
    return model;
  }

  /** The conversation id given, or null (a UUID is made when the conversation starts). */
  public String conversationId() {
    return conversationId;
  }

  /** {@code gen_ai.conversation.name}, or null. */
  public String conversationName() {
    return conversationName;
  }

  /** Whether messages, instructions, reasoning, tool arguments and results are recorded. */
  public boolean includeContent() {
    return includeContent;
  }

  /** Whether turns join the trace of the agent span open when they start, instead of a new one. */
  public boolean continueParentTrace() {
    return continueParentTrace;
  }

  /** Attributes stamped on every span of the conversation, keys as given. */
  public Map<String, Object> attributes() {
    return attributes;
  }

  /** Builds {@link ConversationOptions}. */
  public static final class Builder {
    private String agentName;
    private String model;
    private String conversationId;
    private String conversationName;
    private boolean includeContent = true;
    private boolean continueParentTrace;
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    private Builder() {}

    /** The agent's name ({@code gen_ai.agent.name}; span {@code invoke_agent <name>}). */
    public Builder agentName(String name) {
      this.agentName = name;
      return this;
    }

    /** The model turns record as {@code gen_ai.request.model}. */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /** A stable id, to add turns to an existing conversation; a UUID is made when null or blank. */
    public Builder conversationId(String id) {
      this.conversationId = id;
      return this;
    }

    /** A human-readable name ({@code gen_ai.conversation.name}). */
    public Builder conversationName(String name) {
      this.conversationName = name;
      return this;
    }

    /** False leaves out messages, instructions, reasoning, tool arguments and results. */
    public Builder includeContent(boolean include) {
      this.includeContent = include;
      return this;
    }

    /** True: turns join the trace of the agent span open when they start. */
    public Builder continueParentTrace(boolean continueTrace) {
      this.continueParentTrace = continueTrace;
      return this;
    }

    /**
     * Adds attributes stamped on every span of the conversation (string, number, boolean or a list
     * of strings; anything else is recorded as its {@code toString()}).
     */
    public Builder attributes(Map<String, ?> attributes) {
      Objects.requireNonNull(attributes, "attributes")
          .forEach((k, v) -> this.attributes.put(Objects.requireNonNull(k, "attribute key"), v));
      return this;
    }

    /** The options. */
    public ConversationOptions build() {
      return new ConversationOptions(this);
    }
  }
}
