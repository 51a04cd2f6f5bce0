package dev.weave4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a conversation as an LLM sees it: a role ({@code user}, {@code assistant}, {@code
 * system}, {@code tool}) and its parts. Recorded in {@code gen_ai.input.messages} and {@code
 * gen_ai.output.messages} as {@code {"role":...,"parts":[...]}} (plus {@code finish_reason} when
 * set). Immutable.
 */
public final class Message {

  private final String role;
  private final List<MessagePart> parts;
  private final String finishReason;

  private Message(String role, List<MessagePart> parts, String finishReason) {
    this.role = Objects.requireNonNull(role, "role");
    this.parts = List.copyOf(parts);
    this.finishReason = finishReason;
  }

  /** A message of {@code role} made of {@code parts} (null parts are not allowed). */
  public static Message of(String role, List<? extends MessagePart> parts) {
    return new Message(role, new ArrayList<>(parts), null);
  }

  /** A user message with one text part. */
  public static Message user(String text) {
    return new Message("user", List.of(new TextPart(text == null ? "" : text)), null);
  }

  /** A system message with one text part. */
  public static Message system(String text) {
    return new Message("system", List.of(new TextPart(text == null ? "" : text)), null);
  }

  /** An assistant message with one text part. */
  public static Message assistant(String text) {
    return assistant(text, List.of());
  }

  /**
   * An assistant message: its text (left out when null or empty) followed by the tool calls it
   * requests.
   */
  public static Message assistant(String text, List<ToolCallPart> toolCalls) {
    List<MessagePart> parts = new ArrayList<>(toolCalls.size() + 1);
    if (text != null && !text.isEmpty()) {
      parts.add(new TextPart(text));
    }
    parts.addAll(toolCalls);
    return new Message("assistant", parts, null);
  }

  /** A tool message answering the call {@code toolCallId} with {@code output}. */
  public static Message toolResult(String toolCallId, String output) {
    return new Message("tool", List.of(new ToolCallResponsePart(toolCallId, output)), null);
  }

  /** This message with {@code reason} as its {@code finish_reason} (e.g. {@code stop}). */
  public Message withFinishReason(String reason) {
    return new Message(role, parts, reason);
  }

  /** The role. */
  public String role() {
    return role;
  }

  /** The parts, in order. */
  public List<MessagePart> parts() {
    return parts;
  }

  /** The finish reason, or null. */
  public String finishReason() {
    return finishReason;
  }

  /** The text parts joined, for display. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (MessagePart p : parts) {
      if (p instanceof TextPart t && t.content() != null) {
        sb.append(t.content());
      }
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Message m
        && role.equals(m.role)
        && parts.equals(m.parts)
        && Objects.equals(finishReason, m.finishReason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(role, parts, finishReason);
  }

  @Override
  public String toString() {
    return "Message[" + role + ", " + parts + "]";
  }
}
