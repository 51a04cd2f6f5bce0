package dev.weave4j;

/**
 * Inline media ({@code {"type":"blob","mime_type","modality","content"}}); {@code content} is the
 * base64 text, {@code modality} e.g. {@code image}, {@code audio}, {@code video}.
 */
public record BlobPart(String mimeType, String modality, String content) implements MessagePart {}
