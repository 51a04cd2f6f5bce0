package dev.weave4j.internal.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Appends whole lines to this process's own file in a project folder, {@code <utc
 * time>-<pid>-<tag>.jsonl}, created on the first write. Each call is one write of whole lines.
 */
final class StoreAppender implements Closeable {

  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  private final Path projectDir;
  private final String tag;
  private FileChannel channel;

  StoreAppender(Path projectDir, String tag) {
    this.projectDir = projectDir;
    this.tag = tag;
  }

  /** Appends {@code lines}, which must each end with a newline. */
  synchronized void append(byte[] lines) throws IOException {
    if (channel == null) {
      Files.createDirectories(projectDir);
      String name =
          FILE_TIME.format(LocalDateTime.now(ZoneOffset.UTC))
              + "-"
              + ProcessHandle.current().pid()
              + "-"
              + tag
              + ".jsonl";
      channel =
          FileChannel.open(
              projectDir.resolve(name),
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND,
              StandardOpenOption.WRITE);
    }
    ByteBuffer buf = ByteBuffer.wrap(lines);
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }
}
