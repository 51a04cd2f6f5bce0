package dev.weave4j.internal.store;

/** Where one store line is: the index of its file in the reader's file list, offset and length. */
record LineLocation(int file, long offset, int length) {}
