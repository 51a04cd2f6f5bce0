package dev.weave4j;

/** Media by reference ({@code {"type":"uri","mime_type","modality","uri"}}). */
public record UriPart(String mimeType, String modality, String uri) implements MessagePart {}
