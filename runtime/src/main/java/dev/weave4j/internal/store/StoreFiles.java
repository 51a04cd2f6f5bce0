package dev.weave4j.internal.store;

import dev.weave4j.internal.util.Pid;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Internal, unstable. Where a writer of the local store or the spool starts a file: {@code
 * <utc-time>-<pid>[-<suffix>].jsonl}, append-only. The pid lets a reader tell whether the writer is
 * still alive.
 */
public final class StoreFiles {

  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  private StoreFiles() {}

  /** A new file name in {@code dir}; {@code suffix} (may be null) tells writers apart. */
  public static Path newFile(Path dir, String suffix) {
    String name = FILE_TIME.format(LocalDateTime.now(ZoneOffset.UTC)) + "-" + Pid.current();
    return dir.resolve(suffix == null ? name + ".jsonl" : name + "-" + suffix + ".jsonl");
  }

  /** Opens {@code file} for appending, creating it and its folder as needed. */
  public static FileChannel openAppend(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    return FileChannel.open(
        file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
  }
}
