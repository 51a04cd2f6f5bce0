package dev.weave4j.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams the lines of one append-only JSONL file from a byte offset, in fixed-size chunks (a line
 * longer than the chunk grows the buffer; whole files are never loaded).
 */
final class JsonlScanner {

  private static final int CHUNK = 64 * 1024;

  /** Receives each line (without its line terminator) and where it starts in the file. */
  interface LineHandler {
    /**
     * Handles one line.
     *
     * @param terminated false for a last line with no newline yet (possibly torn mid-write)
     * @return whether the line is consumed; an unterminated line that is not consumed is read again
     *     by the next scan, once it is complete
     */
    boolean line(long offset, byte[] buf, int off, int len, boolean terminated);
  }

  private JsonlScanner() {}

  /**
   * Scans {@code file} from {@code from} to its current end.
   *
   * @return the offset just after the last consumed line: where the next scan starts
   */
  static long scan(Path file, long from, LineHandler handler) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      if (from > 0) {
        ch.position(from);
      }
      byte[] buf = new byte[CHUNK];
      long bufStart = from; // file offset of buf[0]
      int start = 0; // first byte of the current line
      int end = 0; // bytes in buf
      while (true) {
        if (end == buf.length) {
          if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            bufStart += start;
            end -= start;
            start = 0;
          } else {
            byte[] bigger = new byte[buf.length * 2];
            System.arraycopy(buf, 0, bigger, 0, end);
            buf = bigger;
          }
        }
        int scanFrom = end;
        int n = ch.read(ByteBuffer.wrap(buf, end, buf.length - end));
        if (n < 0) {
          break;
        }
        end += n;
        for (int i = scanFrom; i < end; i++) {
          if (buf[i] == '\n') {
            int len = i - start;
            if (len > 0 && buf[i - 1] == '\r') {
              len--;
            }
            handler.line(bufStart + start, buf, start, len, true);
            start = i + 1;
          }
        }
      }
      if (end > start && handler.line(bufStart + start, buf, start, end - start, false)) {
        start = end;
      }
      return bufStart + start;
    }
  }
}
