package dev.weave4j.examples;

/** A document of the toy corpus. */
public record Document(String id, String text) {}
