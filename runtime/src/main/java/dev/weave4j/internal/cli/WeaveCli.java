package dev.weave4j.internal.cli;

import dev.weave4j.WeaveSettings;
import dev.weave4j.internal.server.ServeCommand;
import dev.weave4j.internal.store.LocalStoreReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Internal, unstable. The command line of {@code java -jar weave-agent.jar <command>}: {@code
 * calls}, {@code tree}, {@code show}, {@code conversations}, {@code version}, {@code help}, over
 * the local store.
 */
public final class WeaveCli {

  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "Usage: java -jar weave-agent.jar <command> [options]",
          "",
          "Commands:",
          "  calls                    recent root calls, newest first",
          "  tree [<call-or-trace-id>]  the call tree containing a call or trace",
          "                           (default: the most recent root call's tree)",
          "  show <call-id>           one call as JSON",
          "  conversations [<id>]     agent conversations (agent, id, turns, times, tokens),",
          "                           or one conversation's turns as trees",
          "  serve                    a Weave-compatible trace server over the local store",
          "                           (see 'serve --help')",
          "  sync                     upload the local store and the spool to a trace server",
          "                           (idempotent and resumable; needs WANDB_API_KEY or ~/.netrc)",
          "  version                  the weave4j version",
          "  help                     this help",
          "",
          "Options:",
          "  --json                   machine-readable JSON output",
          "  --limit <n>              calls: how many root calls (default 20)",
          "  --ids                    tree: show each call's id",
          "  --project <[entity/]project>  the project (default: weave.project, else 'default')",
          "  --dir <local_dir>        the local store folder (default: weave.local_dir, else .weave);",
          "                           sync: also a project or spool folder of *.jsonl files",
          "  --server <url>           sync: the trace server (default: weave.server_url)",
          "",
          "Ids may be given in full, or as a unique start or end of at least 8 characters;",
          "tables show the last 12 characters of each id.",
          "Defaults come from -Dweave.* system properties, WEAVE_* environment variables and",
          "weave.properties, as for the agent.");

  private static final String VERSION_RESOURCE = "/dev/weave4j/internal/weave4j-version.properties";

  private WeaveCli() {}

  /**
   * Runs one command, writing UTF-8 to {@code out} and {@code err}.
   *
   * @return the exit code: 0 ok, 1 not found or no data, 2 usage or configuration error
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, WeaveSettings::fromEnvironment);
  }

  static int run(
      String[] args, PrintStream rawOut, PrintStream rawErr, Supplier<WeaveSettings> settings) {
    PrintStream out = new PrintStream(rawOut, false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(rawErr, false, StandardCharsets.UTF_8);
    try {
      return dispatch(args, out, err, settings);
    } catch (CliException e) {
      err.println("weave4j: " + e.getMessage());
      if (e.showUsage()) {
        err.println();
        err.println(USAGE);
      }
      return e.exitCode();
    } catch (UncheckedIOException e) {
      err.println("weave4j: " + e.getMessage() + ": " + e.getCause().getMessage());
      return 1;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static int dispatch(
      String[] args, PrintStream out, PrintStream err, Supplier<WeaveSettings> settings) {
    if (args.length > 0 && args[0].equals("serve")) {
      return serve(args, out, err, settings);
    }
    CliArgs cli = CliArgs.parse(args);
    if (cli.help() || "help".equals(cli.command())) {
      out.println(USAGE);
      return 0;
    }
    if (cli.command() == null) {
      out.println(USAGE);
      return CliException.USAGE;
    }
    switch (cli.command()) {
      case "version":
        if (cli.json()) {
          out.println(Json.pretty(Json.object().put("name", "weave4j").put("version", version())));
        } else {
          out.println("weave4j " + version());
        }
        return 0;
      case "calls":
      case "conversations":
      case "tree":
      case "show":
        break;
      case "sync":
        return SyncCommand.run(cli, out, err, settings);
      default:
        throw CliException.usage("unknown command '" + cli.command() + "'");
    }
    Path projectDir;
    try {
      projectDir = projectDir(cli, settings);
    } catch (IllegalArgumentException e) {
      err.println("weave4j: configuration error: " + e.getMessage());
      return CliException.USAGE;
    }
    try (LocalStoreReader reader = LocalStoreReader.open(projectDir)) {
      int code =
          switch (cli.command()) {
            case "calls" -> CallsCommand.run(cli, reader, out, err);
            case "tree" -> TreeCommand.run(cli, reader, out);
            case "conversations" -> ConversationsCommand.run(cli, reader, out);
            default -> ShowCommand.run(cli, reader, out);
          };
      if (reader.skippedLines() > 0) {
        err.println(
            "weave4j: skipped "
                + reader.skippedLines()
                + " malformed line(s) in "
                + reader.projectDir());
      }
      return code;
    }
  }

  /** {@code serve}: its own flags; the store folder defaults to the configured one. */
  private static int serve(
      String[] args, PrintStream out, PrintStream err, Supplier<WeaveSettings> settings) {
    boolean hasDir = false;
    for (String a : args) {
      hasDir |= a.equals("--dir") || a.startsWith("--dir=") || a.equals("--help");
    }
    Path defaultDir;
    try {
      defaultDir = hasDir ? Path.of(".weave") : settings.get().localDir();
    } catch (IllegalArgumentException e) {
      err.println("weave4j: configuration error: " + e.getMessage());
      return CliException.USAGE;
    }
    return ServeCommand.run(args, defaultDir, version(), out, err);
  }

  /**
   * {@code <dir>/<entity>/<project>} from the flags, defaulting to the agent's configuration (read
   * only when a flag is missing).
   */
  private static Path projectDir(CliArgs cli, Supplier<WeaveSettings> settings) {
    WeaveSettings base = cli.project() != null && cli.dir() != null ? null : settings.get();
    WeaveSettings.Builder b = WeaveSettings.builder();
    try {
      b.project(cli.project() != null ? cli.project() : base.project());
    } catch (IllegalArgumentException e) {
      throw CliException.usage(
          "--project: expected 'project' or 'entity/project', got '" + cli.project() + "'");
    }
    try {
      b.localDir(cli.dir() != null ? Path.of(cli.dir()) : base.localDir());
    } catch (InvalidPathException e) {
      throw CliException.usage("--dir: not a valid path: '" + cli.dir() + "'");
    }
    return b.build().projectDir();
  }

  /** The version filtered into the classpath resource by Maven, or {@code unknown}. */
  static String version() {
    try (InputStream in = WeaveCli.class.getResourceAsStream(VERSION_RESOURCE)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "").trim();
      return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
