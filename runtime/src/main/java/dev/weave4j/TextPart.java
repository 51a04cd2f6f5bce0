package dev.weave4j;

/** Text of a message ({@code {"type":"text","content":...}}). */
public record TextPart(String content) implements MessagePart {}
