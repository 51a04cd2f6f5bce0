package dev.weave4j.internal.remote;

import dev.weave4j.internal.export.JsonlFile;
import dev.weave4j.internal.store.StoreFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Internal, unstable. Appends items that could not be sent to this process's spool file, {@code
 * <spool dir>/<utc time>-<pid>-<n>.jsonl}: one upsert-batch item per line, the local-store format,
 * each call one write of whole lines. A file deleted meanwhile (its folder too) is started again,
 * and a failed write leaves no torn line for the next one to join ({@link JsonlFile}).
 */
final class SpoolWriter {

  private final Path dir;
  private final JsonlFile file;
  private int sequence;

  SpoolWriter(Path dir) {
    this.dir = dir;
    this.file = new JsonlFile(() -> StoreFiles.newFile(dir, Integer.toString(sequence++)));
  }

  Path dir() {
    return dir;
  }

  /** The file being appended to, or null. */
  Path currentFile() {
    return file.file();
  }

  /**
   * Appends {@code items} (JSON without newline), one per line.
   *
   * @throws JsonlFile.WriteFailed when the write failed, saying how many items are in the file
   */
  synchronized void append(List<byte[]> items) throws IOException {
    if (items.isEmpty()) {
      return;
    }
    int size = 0;
    for (byte[] item : items) {
      size += item.length + 1;
    }
    byte[] buf = new byte[size];
    int at = 0;
    for (byte[] item : items) {
      System.arraycopy(item, 0, buf, at, item.length);
      at += item.length;
      buf[at++] = '\n';
    }
    file.append(buf, size);
  }

  /** Closes the current file if it is {@code f}; the next append starts a new one. */
  synchronized boolean closeIfCurrent(Path f) {
    if (f.equals(file.file())) {
      close();
      return true;
    }
    return false;
  }

  synchronized void close() {
    try {
      file.close();
    } catch (IOException e) {
      // nothing was lost: every append was written through
    }
  }
}
