package dev.weave4j.it.apps;

import dev.weave4j.WeaveSettings;
import java.nio.file.Path;

/**
 * The arguments of the apps that read calls back through the public API: {@code http <url> <key>
 * <phase>} (a server) or {@code local <dir> <phase>} (a local store).
 *
 * @param settings the client's settings for {@code project}
 * @param phase what the app is asked to do
 */
public record ReaderArgs(WeaveSettings settings, String phase) {

  /** Parses {@code args} for a client of {@code project}. */
  public static ReaderArgs parse(String project, String[] args) {
    WeaveSettings.Builder s = WeaveSettings.builder().project(project).printCallLink(false);
    if (args[0].equals("http")) {
      s.mode(WeaveSettings.Mode.REMOTE).serverUrl(args[1]).apiKey(args[2]);
      return new ReaderArgs(s.build(), args[3]);
    }
    s.mode(WeaveSettings.Mode.LOCAL).localDir(Path.of(args[1]));
    return new ReaderArgs(s.build(), args[2]);
  }
}
