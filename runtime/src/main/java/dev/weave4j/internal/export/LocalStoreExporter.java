package dev.weave4j.internal.export;

import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import dev.weave4j.internal.store.StoreFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Internal, unstable. Appends records to this process's file in the local store, {@code <project
 * dir>/<utc time>-<pid>.jsonl}. Each batch is one write of whole lines, so a reader sees whole
 * lines, except the last one after a crash mid-write; a file deleted meanwhile is started again,
 * and a write that fails (a full disk) counts the records it lost (see {@link JsonlFile}).
 */
public final class LocalStoreExporter implements Exporter {

  private final Path projectDir;
  private final Function<String, String> callLink;
  private final PrintStream linkOut;
  private final Buffer buffer = new Buffer();
  private final JsonlFile file;

  /**
   * @param projectDir the project's folder in the local store
   * @param callLink the link text for a root call id (null text: print nothing), or null to print
   *     none
   * @param linkOut where links are printed
   */
  public LocalStoreExporter(
      Path projectDir, Function<String, String> callLink, PrintStream linkOut) {
    this.projectDir = projectDir;
    this.callLink = callLink;
    this.linkOut = linkOut;
    this.file = new JsonlFile(() -> StoreFiles.newFile(projectDir, null));
  }

  /** A buffer whose bytes are written without a copy. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(64 * 1024);
    }

    byte[] bytes() {
      return buf;
    }
  }

  @Override
  public void export(List<CallRecord> batch) {
    buffer.reset();
    try {
      RecordWriter.writeLines(batch, buffer);
      file.append(buffer.bytes(), buffer.size());
    } catch (IOException | RuntimeException e) {
      int lost = batch.size() - (e instanceof JsonlFile.WriteFailed w ? w.linesWritten() : 0);
      Diagnostics.report(
          Problem.EXPORT_FAILED, lost, "cannot write to the local store in " + projectDir, e);
      return;
    }
    if (callLink != null) {
      for (CallRecord r : batch) {
        if (r instanceof StartRecord s && s.rootLink()) {
          String text = callLink.apply(s.id().toString());
          if (text != null) {
            linkOut.println(text);
          }
        }
      }
    }
  }

  @Override
  public void warmUp() throws IOException {
    RecordWriter.warmUp();
  }

  @Override
  public void flush() {
    // Each export is written through to the file; nothing is buffered here.
  }

  @Override
  public void close() {
    try {
      file.close();
    } catch (IOException e) {
      Diagnostics.report(Problem.EXPORT_FAILED, 0, "cannot close " + file.file(), e);
    }
  }
}
