package dev.weave4j.internal.export;

import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.store.StoreFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Internal, unstable. This process's append-only JSONL file (a local store file or a spool file),
 * written in whole lines and kept writable as the disk changes under it:
 *
 * <ul>
 *   <li>opened on the first write, creating its folder;
 *   <li>started again (folder included) when it was deleted while the application ran, rather than
 *       writing on into a file nobody can read any more;
 *   <li>after a failed write (a full disk) that left part of a line behind, the next write starts
 *       on a new line, so no record is glued onto the torn one.
 * </ul>
 */
public final class JsonlFile {

  /** A write that failed after {@link #linesWritten} whole lines had been written. */
  public static final class WriteFailed extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient int linesWritten;

    WriteFailed(int linesWritten, IOException cause) {
      super(cause.getMessage(), cause);
      this.linesWritten = linesWritten;
    }

    /** Whole lines of the failed write that are in the file. */
    public int linesWritten() {
      return linesWritten;
    }
  }

  private final Supplier<Path> newFile;
  private FileChannel channel;
  private Path file;
  private boolean torn;

  /**
   * @param newFile the path of each file started (a new name each time)
   */
  public JsonlFile(Supplier<Path> newFile) {
    this.newFile = newFile;
  }

  /**
   * Appends {@code length} bytes of whole lines (each ending with a newline) from {@code bytes}.
   *
   * @throws WriteFailed when the write failed, saying how many of the lines are in the file
   */
  public synchronized void append(byte[] bytes, int length) throws IOException {
    FileChannel ch = channel();
    int written = 0;
    try {
      if (torn) {
        writeFully(ch, ByteBuffer.wrap(new byte[] {'\n'}));
        torn = false;
      }
      ByteBuffer buf = ByteBuffer.wrap(bytes, 0, length);
      try {
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
      } finally {
        written = buf.position();
      }
    } catch (IOException e) {
      torn = written > 0 && bytes[written - 1] != '\n' || torn;
      throw new WriteFailed(lines(bytes, written), e);
    }
  }

  /** The file being written, or null before the first write. */
  public synchronized Path file() {
    return file;
  }

  /** Closes the file; the next write starts a new one. */
  public synchronized void close() throws IOException {
    if (channel != null) {
      try {
        channel.close();
      } finally {
        channel = null;
        file = null;
        torn = false;
      }
    }
  }

  private FileChannel channel() throws IOException {
    if (channel != null && !Files.exists(file)) {
      Path gone = file;
      close();
      Diagnostics.log()
          .warning(
              "weave4j: "
                  + gone
                  + " was deleted while the application ran; what follows goes to a new file");
    }
    if (channel == null) {
      Path f = newFile.get();
      channel = StoreFiles.openAppend(f);
      file = f;
    }
    return channel;
  }

  private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  private static int lines(byte[] bytes, int upTo) {
    int n = 0;
    for (int i = 0; i < upTo; i++) {
      if (bytes[i] == '\n') {
        n++;
      }
    }
    return n;
  }
}
