package dev.weave4j;

/** The model's reasoning ({@code {"type":"reasoning","content":...}}). */
public record ReasoningPart(String content) implements MessagePart {}
