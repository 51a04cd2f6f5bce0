package dev.weave4j.internal.remote;

import dev.weave4j.internal.util.Pid;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Internal, unstable. Reads whole lines of the {@code *.jsonl} files of a folder, oldest name
 * first, in chunks, and remembers per file how far the server has acknowledged them, in a {@code
 * <file>.acked} (or another suffix) next to the progress folder. A replay that is interrupted
 * resumes after the last acknowledged chunk, so nothing acknowledged is sent twice. A torn last
 * line (no newline yet) is left for later.
 */
final class ReplaySource {

  /** Lines of one file from {@code from} to {@code to} (byte offsets, whole lines). */
  record Chunk(Path file, long from, long to, List<byte[]> lines) {}

  private final Path dataDir;
  private final Path progressDir;
  private final String progressSuffix;
  private final boolean deleteWhenDone;
  private final Predicate<Path> beforeDelete;

  /**
   * @param dataDir the folder of {@code *.jsonl} files
   * @param progressDir where the per-file progress goes (may be {@code dataDir})
   * @param progressSuffix the progress file's suffix, e.g. {@code .acked}
   * @param deleteWhenDone whether a file fully acknowledged is deleted (the spool) or kept (a local
   *     store being synced)
   * @param beforeDelete told of a file about to be deleted (the writer closes it), or null
   */
  ReplaySource(
      Path dataDir,
      Path progressDir,
      String progressSuffix,
      boolean deleteWhenDone,
      Predicate<Path> beforeDelete) {
    this.beforeDelete = beforeDelete;
    this.dataDir = dataDir;
    this.progressDir = progressDir;
    this.progressSuffix = progressSuffix;
    this.deleteWhenDone = deleteWhenDone;
  }

  /** The data files, oldest name first. */
  List<Path> files() throws IOException {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(dataDir)) {
      return files;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dataDir, "*.jsonl")) {
      for (Path p : ds) {
        if (isDataFile(p)) {
          files.add(p);
        }
      }
    }
    files.sort(null);
    return files;
  }

  /**
   * Whether {@code p} is a file this source reads: a regular file, not a folder that happens to be
   * named {@code *.jsonl} nor a symbolic link (which could lead out of the store).
   */
  static boolean isDataFile(Path p) {
    return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
  }

  /** The {@code *.jsonl} entries of {@code dir} that are skipped, with why, for a message. */
  static List<String> skippedEntries(Path dir) {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jsonl")) {
      for (Path p : ds) {
        if (Files.isSymbolicLink(p)) {
          out.add(p + " (a symbolic link)");
        } else if (!isDataFile(p)) {
          out.add(p + " (not a regular file)");
        }
      }
    } catch (IOException e) {
      // Only a hint; reading the folder fails again, loudly, when the upload starts.
    }
    out.sort(null);
    return out;
  }

  /** Bytes not yet acknowledged, over all files. */
  long pendingBytes() throws IOException {
    long n = 0;
    for (Path f : files()) {
      n += Math.max(0, size(f) - acked(f));
    }
    return n;
  }

  /**
   * The next unacknowledged lines, at most {@code maxLines} and about {@code maxBytes} (at least
   * one line), from the first file that has any, skipping files {@code skip} rejects; or null.
   */
  Chunk next(int maxLines, long maxBytes, Predicate<Path> skip) throws IOException {
    for (Path f : files()) {
      if (skip != null && skip.test(f)) {
        continue;
      }
      long from = acked(f);
      long size = size(f);
      if (from >= size) {
        finishIfDone(f, size);
        continue;
      }
      Chunk c = read(f, from, size, maxLines, maxBytes);
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  /** Records that {@code chunk} was accepted; deletes a finished spool file. */
  void ack(Chunk chunk) throws IOException {
    writeAcked(chunk.file(), chunk.to());
    finishIfDone(chunk.file(), size(chunk.file()));
  }

  private void finishIfDone(Path f, long size) throws IOException {
    if (!deleteWhenDone || acked(f) < size || writtenByAnotherLiveProcess(f)) {
      return;
    }
    if (beforeDelete != null) {
      beforeDelete.test(f);
    }
    Files.deleteIfExists(f);
    Files.deleteIfExists(progressFile(f));
  }

  /** A spool file of another JVM still running may still grow; it deletes its own files. */
  private static boolean writtenByAnotherLiveProcess(Path f) {
    String[] parts = f.getFileName().toString().split("-");
    if (parts.length < 3) {
      return false;
    }
    try {
      long pid = Long.parseLong(parts[1]);
      return pid != Pid.current()
          && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private Chunk read(Path f, long from, long size, int maxLines, long maxBytes) throws IOException {
    List<byte[]> lines = new ArrayList<>();
    long pos = from; // just after the last whole line taken
    long bytes = 0;
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      byte[] buf = new byte[64 * 1024];
      int filled = 0; // bytes in buf, from file offset pos
      long read = from;
      boolean full = false;
      while (!full && read < size) {
        if (filled == buf.length) {
          buf = java.util.Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
        }
        int want = (int) Math.min(buf.length - filled, size - read);
        int n = ch.read(java.nio.ByteBuffer.wrap(buf, filled, want), read);
        if (n < 0) {
          break;
        }
        int scanFrom = filled;
        filled += n;
        read += n;
        int lineStart = 0;
        for (int i = scanFrom; i < filled; i++) {
          if (buf[i] != '\n') {
            continue;
          }
          if (i > lineStart) {
            lines.add(java.util.Arrays.copyOfRange(buf, lineStart, i));
            bytes += i - lineStart;
          }
          lineStart = i + 1;
          if (lines.size() >= maxLines || bytes >= maxBytes) {
            full = true;
            break;
          }
        }
        pos += lineStart;
        System.arraycopy(buf, lineStart, buf, 0, filled - lineStart);
        filled -= lineStart;
      }
    } catch (NoSuchFileException e) {
      return null;
    }
    return pos == from ? null : new Chunk(f, from, pos, lines);
  }

  private static long size(Path f) throws IOException {
    try {
      return Files.size(f);
    } catch (NoSuchFileException e) {
      return 0;
    }
  }

  private Path progressFile(Path f) {
    return progressDir.resolve(f.getFileName().toString() + progressSuffix);
  }

  long acked(Path f) {
    try {
      return Long.parseLong(Files.readString(progressFile(f), StandardCharsets.US_ASCII).trim());
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private void writeAcked(Path f, long offset) throws IOException {
    Files.createDirectories(progressDir);
    Path target = progressFile(f);
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.writeString(tmp, Long.toString(offset), StandardCharsets.US_ASCII);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
