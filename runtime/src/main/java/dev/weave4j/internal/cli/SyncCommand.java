package dev.weave4j.internal.cli;

import dev.weave4j.WeaveSettings;
import dev.weave4j.internal.remote.ServerConfig;
import dev.weave4j.internal.remote.StoreSync;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code sync [--dir D] [--project entity/project] [--server URL]}: uploads a local store (its
 * project folder and its spool) or one folder of {@code *.jsonl} files to a trace server.
 */
final class SyncCommand {

  private SyncCommand() {}

  static int run(CliArgs cli, PrintStream out, PrintStream err, Supplier<WeaveSettings> settings) {
    WeaveSettings base;
    try {
      base = settings.get();
    } catch (IllegalArgumentException e) {
      err.println("weave4j: configuration error: " + e.getMessage());
      return CliException.USAGE;
    }
    Path dir;
    try {
      dir = cli.dir() != null ? Path.of(cli.dir()) : base.localDir();
    } catch (InvalidPathException e) {
      throw CliException.usage("--dir: not a valid path: '" + cli.dir() + "'");
    }
    boolean folderOfFiles = hasJsonl(dir);
    String project = cli.project();
    if (project == null && folderOfFiles && dir.toAbsolutePath().getNameCount() >= 2) {
      Path abs = dir.toAbsolutePath().normalize();
      project = abs.getParent().getFileName() + "/" + abs.getFileName();
    }
    if (project == null) {
      project = base.project();
    }
    WeaveSettings.Builder b = base.toBuilder().mode(WeaveSettings.Mode.REMOTE);
    try {
      b.project(project);
      if (cli.server() != null) {
        b.serverUrl(cli.server());
      }
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    WeaveSettings s = b.build();
    ServerConfig target;
    try {
      target = ServerConfig.of(s);
    } catch (IllegalArgumentException e) {
      err.println("weave4j: sync: " + e.getMessage());
      return CliException.USAGE;
    }
    List<Source> sources = new ArrayList<>();
    if (folderOfFiles) {
      boolean spool = dir.toAbsolutePath().normalize().toString().contains("/spool/");
      sources.add(new Source(dir, spool));
    } else {
      Path store = localProjectDir(dir, base, s);
      if (hasJsonl(store)) {
        sources.add(new Source(store, false));
      }
      Path spool = ServerConfig.spoolDir(dir, s.entity(), s.projectName());
      if (hasJsonl(spool)) {
        sources.add(new Source(spool, true));
      }
    }
    if (sources.isEmpty()) {
      if (!Files.isDirectory(dir)) {
        err.println("weave4j: sync: no local store or spool at " + dir.toAbsolutePath());
        return CliException.NOT_FOUND;
      }
      // Everything was sent already (a delivered spool is deleted): nothing to do is success.
      out.println("weave4j: sync: nothing to upload in " + dir.toAbsolutePath());
      return 0;
    }
    StoreSync sync = StoreSync.to(target);
    long sent = 0;
    long already = 0;
    for (Source src : sources) {
      Path progress =
          src.spool()
              ? src.dir()
              : src.dir().resolve(".sync").resolve(serverKey(s.serverUrl(), target.projectId()));
      StoreSync.Result r;
      try {
        r = sync.upload(src.dir(), progress, src.spool(), err);
      } catch (IOException e) {
        throw new UncheckedIOException("sync failed reading " + src.dir(), e);
      }
      sent += r.sentLines();
      already += r.alreadySynced();
      if (!r.complete()) {
        err.println(
            "weave4j: sync: the trace server "
                + s.serverUrl()
                + " did not accept the upload (see the warning above); "
                + sent
                + " records were sent; run the same command again to resume");
        return 1;
      }
    }
    out.println(
        "weave4j: synced "
            + sent
            + " records to "
            + s.serverUrl()
            + " project "
            + target.projectId()
            + (already > 0 ? " (" + already + " bytes were already synced)" : ""));
    return 0;
  }

  private record Source(Path dir, boolean spool) {}

  /**
   * The local store folder to upload: the target project's, else the same project name recorded
   * locally ({@code local/<name>}), else the configured project's.
   */
  private static Path localProjectDir(Path dir, WeaveSettings base, WeaveSettings target) {
    for (Path candidate :
        List.of(
            dir.resolve(target.entity()).resolve(target.projectName()),
            dir.resolve("local").resolve(target.projectName()))) {
      if (hasJsonl(candidate)) {
        return candidate;
      }
    }
    return dir.resolve(base.entity()).resolve(base.projectName());
  }

  /** A folder name for the progress of syncing to one server and project. */
  private static String serverKey(String serverUrl, String projectId) {
    return (serverUrl.replaceFirst("^https?://", "") + "_" + projectId)
        .replaceAll("[^A-Za-z0-9._-]", "_")
        .toLowerCase(Locale.ROOT);
  }

  private static boolean hasJsonl(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jsonl")) {
      for (Path p : ds) {
        if (Files.isRegularFile(p) || Files.isSymbolicLink(p)) {
          return true; // a link is reported as skipped by the upload itself
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}
