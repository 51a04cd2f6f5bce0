package dev.weave4j.internal.remote;

import dev.weave4j.internal.store.StoreFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * Internal, unstable. Appends items that could not be sent to this process's spool file, {@code
 * <spool dir>/<utc time>-<pid>-<n>.jsonl}: one upsert-batch item per line, the local-store format,
 * each call one write of whole lines.
 */
final class SpoolWriter {

  private final Path dir;
  private FileChannel channel;
  private Path file;
  private int sequence;

  SpoolWriter(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  /** The file being appended to, or null. */
  synchronized Path currentFile() {
    return file;
  }

  /** Appends {@code items} (JSON without newline), one per line. */
  synchronized void append(List<byte[]> items) throws IOException {
    if (items.isEmpty()) {
      return;
    }
    int size = 0;
    for (byte[] item : items) {
      size += item.length + 1;
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    for (byte[] item : items) {
      buf.put(item).put((byte) '\n');
    }
    buf.flip();
    FileChannel ch = channel();
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  /** Closes the current file if it is {@code f}; the next append starts a new one. */
  synchronized boolean closeIfCurrent(Path f) {
    if (f.equals(file)) {
      close();
      return true;
    }
    return false;
  }

  synchronized void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing was lost: every append was written through
      }
      channel = null;
      file = null;
    }
  }

  private FileChannel channel() throws IOException {
    if (channel == null) {
      file = StoreFiles.newFile(dir, Integer.toString(sequence++));
      channel = StoreFiles.openAppend(file);
    }
    return channel;
  }
}
