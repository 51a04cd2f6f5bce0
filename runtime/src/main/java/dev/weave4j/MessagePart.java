package dev.weave4j;

/**
 * One part of a {@link Message}, in the GenAI semantic conventions' "parts" model: written as a
 * JSON object with a {@code type} ({@code text}, {@code reasoning}, {@code tool_call}, {@code
 * tool_call_response}, {@code blob}, {@code uri}, {@code file}).
 */
public sealed interface MessagePart
    permits TextPart,
        ReasoningPart,
        ToolCallPart,
        ToolCallResponsePart,
        BlobPart,
        UriPart,
        FilePart {}
