package dev.weave4j.internal.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Internal, unstable. {@code sync}: uploads the {@code *.jsonl} files of a local-store project
 * folder or a spool folder to a trace server, chunk by chunk, recording after each accepted chunk
 * how far each file got, so an interrupted sync resumes where it stopped and a repeated one sends
 * nothing twice. Lines are rewritten to the target project.
 */
public final class StoreSync {

  /** What a sync did. */
  public record Result(long sentLines, long alreadySynced, long totalBytes, boolean complete) {}

  private final ServerConfig target;
  private final RemoteExporter exporter;

  StoreSync(ServerConfig target, RemoteExporter exporter) {
    this.target = target;
    this.exporter = exporter;
  }

  /** A sync to {@code target} over HTTP. */
  public static StoreSync to(ServerConfig target) {
    return new StoreSync(target, RemoteExporter.create(target, null, System.err));
  }

  /**
   * Uploads {@code dir}'s files.
   *
   * @param progressDir where per-file progress is kept
   * @param deleteWhenDone true for a spool (files are removed once sent), false for a local store
   * @param progress where the progress line goes
   */
  public Result upload(Path dir, Path progressDir, boolean deleteWhenDone, PrintStream progress)
      throws IOException {
    String suffix = deleteWhenDone ? ".acked" : ".synced";
    ReplaySource source = new ReplaySource(dir, progressDir, suffix, deleteWhenDone, null);
    for (String skipped : ReplaySource.skippedEntries(dir)) {
      progress.println("weave4j: sync: skipping " + skipped);
    }
    long total = 0;
    long already = 0;
    for (Path f : source.files()) {
      long size = java.nio.file.Files.size(f);
      total += size;
      already += Math.min(size, source.acked(f));
    }
    long done = already;
    long sent = 0;
    long lastPrint = 0;
    while (true) {
      ReplaySource.Chunk chunk =
          source.next(RemoteExporter.MAX_ITEMS, RemoteExporter.MAX_REQUEST_BYTES, null);
      if (chunk == null) {
        break;
      }
      List<byte[]> lines = new ArrayList<>(chunk.lines().size());
      for (byte[] line : chunk.lines()) {
        lines.add(retarget(line));
      }
      if (!exporter.deliver(exporter.withOpRefs(lines), false)) {
        progress.println();
        return new Result(sent, already, total, false);
      }
      source.ack(chunk);
      sent += chunk.lines().size();
      done += chunk.to() - chunk.from();
      long now = System.nanoTime();
      if (now - lastPrint > 200_000_000L) {
        printProgress(progress, sent, done, total);
        lastPrint = now;
      }
    }
    printProgress(progress, sent, done, total);
    progress.println();
    exporter.close();
    return new Result(sent, already, total, true);
  }

  private static void printProgress(PrintStream out, long sent, long done, long total) {
    int pct = total == 0 ? 100 : (int) (done * 100 / total);
    out.print(
        String.format(
            Locale.ROOT, "\rweave4j: sync: %d records sent, %d%% of %d bytes", sent, pct, total));
    out.flush();
  }

  /** The line with its project id (and op refs) pointing at the target project. */
  byte[] retarget(byte[] line) {
    JsonNode n = ItemLines.tree(line);
    if (n == null || !n.isObject()) {
      return line;
    }
    String mode = n.path("mode").asText("");
    JsonNode req = n.path("req");
    JsonNode body =
        req.has(mode) && req.get(mode).isObject()
            ? req.get(mode)
            : req.path("obj").isObject() ? req.get("obj") : req;
    if (!(body instanceof ObjectNode o)) {
      return line;
    }
    String old = o.path("project_id").asText(null);
    String wanted = target.projectId();
    if (old == null || old.equals(wanted)) {
      return line;
    }
    o.put("project_id", wanted);
    String prefix = "weave:///" + old + "/";
    for (String refField : List.of("op_name", "weave_ref")) {
      String ref = o.path(refField).asText(null);
      if (ref != null && ref.startsWith(prefix)) {
        o.put(refField, "weave:///" + wanted + "/" + ref.substring(prefix.length()));
      }
    }
    try {
      return ItemLines.JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      return line;
    }
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
