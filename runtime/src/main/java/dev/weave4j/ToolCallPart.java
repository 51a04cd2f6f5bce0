package dev.weave4j;

/**
 * A tool call requested by the model ({@code {"type":"tool_call","id","name","arguments"}}); {@code
 * arguments} is the JSON text the model produced, recorded as that JSON when it parses, else as a
 * string.
 */
public record ToolCallPart(String id, String name, String arguments) implements MessagePart {}
