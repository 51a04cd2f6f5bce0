package dev.weave4j.internal.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Appends whole lines to this process's own file in a project folder, {@code <utc
 * time>-<pid>-<tag>.jsonl}, created on the first write. Each call is one write of whole lines.
 */
final class StoreAppender implements Closeable {

  private final Path projectDir;
  private final String tag;
  private FileChannel channel;
  private Path file;
  private long position;

  StoreAppender(Path projectDir, String tag) {
    this.projectDir = projectDir;
    this.tag = tag;
  }

  /** Appends {@code lines}, which must each end with a newline. */
  synchronized void append(byte[] lines) throws IOException {
    append(lines, 0, lines.length);
  }

  /**
   * Appends {@code length} bytes of {@code lines} from {@code from}, which must be whole lines.
   *
   * @return the offset in {@link #file()} where they start
   */
  synchronized long append(byte[] lines, int from, int length) throws IOException {
    if (channel == null) {
      file = StoreFiles.newFile(projectDir, tag);
      channel = StoreFiles.openAppend(file);
      position = channel.size();
    }
    long at = position;
    ByteBuffer buf = ByteBuffer.wrap(lines, from, length);
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    position += length;
    return at;
  }

  /** This process's file, or null before the first write. */
  synchronized Path file() {
    return file;
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
      file = null;
    }
  }
}
