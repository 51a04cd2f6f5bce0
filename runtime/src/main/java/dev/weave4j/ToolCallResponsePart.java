package dev.weave4j;

/** A tool's answer to a call ({@code {"type":"tool_call_response","id","response"}}). */
public record ToolCallResponsePart(String id, String response) implements MessagePart {}
