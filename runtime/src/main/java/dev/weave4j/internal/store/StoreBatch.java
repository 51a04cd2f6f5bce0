package dev.weave4j.internal.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Internal, unstable. Call start and end lines in the store envelope, built from request bytes
 * already parsed once, with what the call index needs of each: {@link ProjectStore#append(
 * StoreBatch)} writes them and indexes them without reading them back. Not thread-safe.
 */
public final class StoreBatch {

  private static final byte[] START = ascii("{\"mode\":\"start\",\"req\":");
  private static final byte[] END = ascii("{\"mode\":\"end\",\"req\":");

  /** One line's record and where it is in {@link #bytes()}, terminator excluded. */
  record Line(StoreRecord record, int offset, int length) {}

  private byte[] buf;
  private int size;
  private final List<Line> lines = new ArrayList<>();

  /** An empty batch with room for about {@code bytes}. */
  public StoreBatch(int bytes) {
    this.buf = new byte[Math.max(256, bytes)];
  }

  /**
   * Adds a start line whose {@code req} object is {@code src[off, off+len)} (valid JSON; line
   * breaks between tokens become spaces).
   */
  public void start(
      byte[] src,
      int off,
      int len,
      String id,
      String traceId,
      String parentId,
      long startedMicros,
      String opName,
      String displayName,
      String threadId,
      String turnId) {
    add(
        START,
        src,
        off,
        len,
        new StoreRecord.Start(
            id, traceId, parentId, startedMicros, opName, displayName, threadId, turnId));
  }

  /** Adds an end line whose {@code req} object is {@code src[off, off+len)}. */
  public void end(byte[] src, int off, int len, String id, long endedMicros, boolean hasException) {
    add(END, src, off, len, new StoreRecord.End(id, endedMicros, hasException));
  }

  private void add(byte[] prefix, byte[] src, int off, int len, StoreRecord record) {
    ensure(prefix.length + len + 2);
    int lineStart = size;
    System.arraycopy(prefix, 0, buf, size, prefix.length);
    size += prefix.length;
    System.arraycopy(src, off, buf, size, len);
    for (int i = size, end = size + len; i < end; i++) {
      byte b = buf[i];
      if (b == '\n' || b == '\r') {
        // Inside a JSON string a raw CR or LF is invalid, so these are whitespace between tokens.
        buf[i] = ' ';
      }
    }
    size += len;
    buf[size++] = '}';
    lines.add(new Line(record, lineStart, size - lineStart));
    buf[size++] = '\n';
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }

  /** Number of lines. */
  public int size() {
    return lines.size();
  }

  /** The lines' bytes (a copy-free view: only the first {@link #byteCount()} count). */
  byte[] bytes() {
    return buf;
  }

  int byteCount() {
    return size;
  }

  List<Line> lines() {
    return lines;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
