package dev.weave4j.internal.remote;

import dev.weave4j.internal.export.JsonlFile;
import dev.weave4j.internal.store.StoreFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Internal, unstable. Appends items that could not be sent to this process's spool file, {@code
 * <spool dir>/<utc time>-<pid>-<n>.jsonl}: one upsert-batch item per line, the local-store format,
 * each call one write of whole lines. A file deleted meanwhile (its folder too) is started again,
 * and a failed write leaves no torn line for the next one to join ({@link JsonlFile}).
 */
final class SpoolWriter {

  /** How often the spool's size is read from disk again while it looks full. */
  private static final long RECOUNT_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Path dir;
  private final JsonlFile file;
  private final long maxBytes;
  private final LongSupplier bytesOnDisk;
  private int sequence;
  private long bytes = -1;
  private long countedAt;

  /**
   * @param maxBytes bound of the spool folder; beyond it appends are refused
   * @param bytesOnDisk what the spool folder holds now (every file, every run), read when the bound
   *     seems reached, as the replay shrinks it meanwhile
   */
  SpoolWriter(Path dir, long maxBytes, LongSupplier bytesOnDisk) {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.bytesOnDisk = bytesOnDisk;
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
   * Appends {@code items} (JSON without newline), one per line, as many of the first ones as keep
   * the spool within its bound: the newest records are the ones dropped.
   *
   * @return how many of {@code items} were written: all of them unless the spool is full
   * @throws JsonlFile.WriteFailed when the write failed, saying how many items are in the file
   */
  synchronized int append(List<byte[]> items) throws IOException {
    if (items.isEmpty()) {
      return 0;
    }
    int size = 0;
    for (byte[] item : items) {
      size += item.length + 1;
    }
    int count = items.size();
    if (!room(size)) {
      // A whole batch can be larger than the room left: keep the oldest records that fit.
      long left = Math.max(0, maxBytes - bytes);
      size = 0;
      count = 0;
      for (byte[] item : items) {
        if (size + item.length + 1 > left) {
          break;
        }
        size += item.length + 1;
        count++;
      }
      if (count == 0) {
        return 0;
      }
    }
    byte[] buf = new byte[size];
    int at = 0;
    for (int i = 0; i < count; i++) {
      byte[] item = items.get(i);
      System.arraycopy(item, 0, buf, at, item.length);
      at += item.length;
      buf[at++] = '\n';
    }
    try {
      file.append(buf, size);
    } finally {
      bytes += size; // a failed write may have left part of it
    }
    return count;
  }

  /** Whether {@code size} more bytes keep the spool within its bound. */
  private boolean room(long size) {
    long now = System.nanoTime();
    if (bytes < 0 || (bytes + size > maxBytes && now - countedAt > RECOUNT_NANOS)) {
      bytes = bytesOnDisk.getAsLong();
      countedAt = now;
    }
    return bytes + size <= maxBytes;
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
