package dev.weave4j.internal.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Internal, unstable. Call start and end lines in the store envelope, whose {@code req} objects are
 * in a request body already parsed once, with what the call index needs of each: {@link
 * ProjectStore#append(StoreBatch)} writes them and indexes them without reading them back.
 *
 * <p>When the body holds the items as compact {@code {"mode":…,"req":…}} objects one after the
 * other (as clients send them) and no line break, the lines are written from the body itself: each
 * separator after an item becomes the newline, so nothing is copied. Otherwise each line is copied
 * into a buffer of its own. Not thread-safe.
 */
public final class StoreBatch {

  private static final byte[] START = ascii("{\"mode\":\"start\",\"req\":");
  private static final byte[] END = ascii("{\"mode\":\"end\",\"req\":");

  /**
   * One line's record and where it is from {@link #from()} of {@link #bytes()}, newline excluded.
   */
  record Line(StoreRecord record, int offset, int length) {}

  private final byte[] src;
  private boolean srcHasBreaks = true;
  private final List<StoreRecord> records = new ArrayList<>();
  private int[] reqOffsets = new int[64];
  private int[] reqLengths = new int[64];

  private byte[] buf;
  private int from;
  private int to;
  private List<Line> lines;

  /** An empty batch of lines from {@code src}, which may be changed when they are written. */
  public StoreBatch(byte[] src) {
    this.src = src;
  }

  /**
   * Tells that {@code src} holds no CR or LF byte (a parser that counted lines knows), so its items
   * may be written as they are.
   */
  public void sourceHasNoLineBreaks() {
    srcHasBreaks = false;
    lines = null;
  }

  /** Adds a start line whose {@code req} object is {@code src[off, off+len)}. */
  public void start(
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
        off,
        len,
        new StoreRecord.Start(
            id, traceId, parentId, startedMicros, opName, displayName, threadId, turnId));
  }

  /** Adds an end line whose {@code req} object is {@code src[off, off+len)}. */
  public void end(int off, int len, String id, long endedMicros, boolean hasException) {
    add(off, len, new StoreRecord.End(id, endedMicros, hasException));
  }

  private void add(int off, int len, StoreRecord record) {
    int n = records.size();
    if (n == reqOffsets.length) {
      reqOffsets = Arrays.copyOf(reqOffsets, n * 2);
      reqLengths = Arrays.copyOf(reqLengths, n * 2);
    }
    reqOffsets[n] = off;
    reqLengths[n] = len;
    records.add(record);
    lines = null;
  }

  /** Number of lines. */
  public int size() {
    return records.size();
  }

  /** The array the lines are in, from {@link #from()} for {@link #byteCount()} bytes. */
  byte[] bytes() {
    lines();
    return buf;
  }

  int from() {
    lines();
    return from;
  }

  int byteCount() {
    lines();
    return to - from;
  }

  List<Line> lines() {
    if (lines == null) {
      lines = new ArrayList<>(records.size());
      if (!srcHasBreaks && inPlace()) {
        useSource();
      } else {
        copy();
      }
    }
    return lines;
  }

  private static byte[] prefix(StoreRecord r) {
    return r instanceof StoreRecord.Start ? START : END;
  }

  /** Whether the items are envelopes with nothing but one separator byte between them. */
  private boolean inPlace() {
    int expected = -1;
    for (int i = 0; i < records.size(); i++) {
      byte[] prefix = prefix(records.get(i));
      int itemStart = reqOffsets[i] - prefix.length;
      int itemEnd = reqOffsets[i] + reqLengths[i] + 1;
      if (itemStart < 0
          || (expected >= 0 && itemStart != expected)
          || itemEnd >= src.length
          || src[itemEnd - 1] != '}'
          || !Arrays.equals(src, itemStart, reqOffsets[i], prefix, 0, prefix.length)) {
        return false;
      }
      expected = itemEnd + 1;
    }
    return true;
  }

  private void useSource() {
    buf = src;
    from = reqOffsets[0] - prefix(records.get(0)).length;
    for (int i = 0; i < records.size(); i++) {
      int itemStart = reqOffsets[i] - prefix(records.get(i)).length;
      int itemEnd = reqOffsets[i] + reqLengths[i] + 1;
      src[itemEnd] = '\n'; // was the separator (or the end of the batch array)
      lines.add(new Line(records.get(i), itemStart - from, itemEnd - itemStart));
      to = itemEnd + 1;
    }
  }

  private void copy() {
    int bytes = 0;
    for (int i = 0; i < records.size(); i++) {
      bytes += prefix(records.get(i)).length + reqLengths[i] + 2;
    }
    buf = new byte[bytes];
    int size = 0;
    for (int i = 0; i < records.size(); i++) {
      byte[] prefix = prefix(records.get(i));
      int lineStart = size;
      System.arraycopy(prefix, 0, buf, size, prefix.length);
      size += prefix.length;
      System.arraycopy(src, reqOffsets[i], buf, size, reqLengths[i]);
      if (srcHasBreaks) {
        for (int j = size, end = size + reqLengths[i]; j < end; j++) {
          byte b = buf[j];
          if (b == '\n' || b == '\r') {
            // Inside a JSON string a raw CR or LF is invalid, so these are whitespace between
            // tokens.
            buf[j] = ' ';
          }
        }
      }
      size += reqLengths[i];
      buf[size++] = '}';
      lines.add(new Line(records.get(i), lineStart, size - lineStart));
      buf[size++] = '\n';
    }
    from = 0;
    to = size;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
