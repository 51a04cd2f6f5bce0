package dev.weave4j.internal.store;

import dev.weave4j.internal.util.Pid;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

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

  /**
   * Whether the process that wrote {@code file} (named by {@link #newFile}) is gone: its pid is not
   * alive, or belongs to a process started after the file was (the pid was reused). False for this
   * process's files and for names not made by {@link #newFile}.
   */
  public static boolean writerGone(Path file) {
    String[] parts = file.getFileName().toString().replace(".jsonl", "").split("-");
    if (parts.length < 2) {
      return false;
    }
    long pid;
    Instant created;
    try {
      pid = Long.parseLong(parts[1]);
      created = LocalDateTime.parse(parts[0], FILE_TIME).toInstant(ZoneOffset.UTC);
    } catch (RuntimeException e) {
      return false;
    }
    if (pid == Pid.current()) {
      return false;
    }
    Optional<ProcessHandle> writer = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (writer.isEmpty()) {
      return true;
    }
    // the file time is cut to the second: a writer started up to a second after it is the same
    Optional<Instant> started = writer.get().info().startInstant();
    return started.isPresent() && started.get().isAfter(created.plusSeconds(2));
  }

  /** Opens {@code file} for appending, creating it and its folder as needed. */
  public static FileChannel openAppend(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    return FileChannel.open(
        file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
  }
}
