package dev.weave4j;

/** A file uploaded to the provider ({@code {"type":"file","mime_type","modality","file_id"}}). */
public record FilePart(String mimeType, String modality, String fileId) implements MessagePart {}
