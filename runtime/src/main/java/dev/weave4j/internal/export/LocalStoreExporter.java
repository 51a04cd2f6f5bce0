package dev.weave4j.internal.export;

import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import dev.weave4j.internal.store.StoreFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Internal, unstable. Appends records to this process's file in the local store, {@code <project
 * dir>/<utc time>-<pid>.jsonl}. Each batch is one write of whole lines, so a reader sees whole
 * lines, except the last one after a crash mid-write.
 */
public final class LocalStoreExporter implements Exporter {

  private final Path projectDir;
  private final Function<String, String> callLink;
  private final PrintStream linkOut;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);
  private FileChannel channel;
  private Path file;

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
  }

  @Override
  public void export(List<CallRecord> batch) {
    buffer.reset();
    try {
      RecordWriter.writeLines(batch, buffer);
      buffer.writeTo(Channels.newOutputStream(channel()));
    } catch (IOException | RuntimeException e) {
      Diagnostics.report(
          Problem.EXPORT_FAILED, batch.size(), "cannot write to the local store " + file, e);
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
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        Diagnostics.report(Problem.EXPORT_FAILED, 0, "cannot close " + file, e);
      }
    }
  }

  private FileChannel channel() throws IOException {
    if (channel == null) {
      file = StoreFiles.newFile(projectDir, null);
      channel = StoreFiles.openAppend(file);
    }
    return channel;
  }
}
