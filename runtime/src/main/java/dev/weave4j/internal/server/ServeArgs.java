package dev.weave4j.internal.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The flags of {@code serve}. */
final class ServeArgs {

  private ServeArgs() {}

  /**
   * Parses the arguments after {@code serve}.
   *
   * @return null for {@code --help}
   * @throws IllegalArgumentException a usage error, naming the flag
   */
  static ServeOptions parse(String[] args, Path defaultDir) {
    String host = ServeOptions.DEFAULT_HOST;
    int port = ServeOptions.DEFAULT_PORT;
    String apiKey = null;
    Path dir = defaultDir;
    int failFirst = 0;
    int status = 503;
    int retryAfter = -1;
    long maxBody = -1;
    long downFor = 0;
    long breakStreamAfter = -1;
    List<String> allowedHosts = new ArrayList<>();
    long readTimeout = ServeOptions.DEFAULT_READ_TIMEOUT_MILLIS;
    long projectIdle = ServeOptions.DEFAULT_PROJECT_IDLE_MILLIS;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      String value = null;
      if (name.startsWith("--") && name.contains("=")) {
        value = name.substring(name.indexOf('=') + 1);
        name = name.substring(0, name.indexOf('='));
      }
      switch (name) {
        case "serve" -> {
          // the command itself
        }
        case "--help", "-h" -> {
          return null;
        }
        case "--port" ->
            port = (int) number(name, value != null ? value : next(args, ++i, name), 0, 65535);
        case "--host" -> host = value != null ? value : next(args, ++i, name);
        case "--api-key" -> apiKey = value != null ? value : next(args, ++i, name);
        case "--dir" -> dir = Path.of(value != null ? value : next(args, ++i, name));
        case "--allowed-hosts" -> {
          for (String h : (value != null ? value : next(args, ++i, name)).split(",")) {
            if (!h.isBlank()) {
              allowedHosts.add(h.trim().toLowerCase(Locale.ROOT));
            }
          }
        }
        case "--read-timeout" ->
            readTimeout =
                1000 * number(name, value != null ? value : next(args, ++i, name), 1, 86_400);
        case "--project-idle-timeout" ->
            projectIdle =
                1000 * number(name, value != null ? value : next(args, ++i, name), 0, 31_536_000);
        case "--fail-first" ->
            failFirst =
                (int)
                    number(
                        name, value != null ? value : next(args, ++i, name), 0, Integer.MAX_VALUE);
        case "--status" ->
            status = (int) number(name, value != null ? value : next(args, ++i, name), 400, 599);
        case "--retry-after" ->
            retryAfter =
                (int) number(name, value != null ? value : next(args, ++i, name), 0, 86_400);
        case "--max-body-bytes" ->
            maxBody =
                number(name, value != null ? value : next(args, ++i, name), 0, Long.MAX_VALUE);
        case "--break-stream-after" ->
            breakStreamAfter =
                number(name, value != null ? value : next(args, ++i, name), 0, Long.MAX_VALUE);
        case "--down-for-ms" ->
            downFor = number(name, value != null ? value : next(args, ++i, name), 0, 3_600_000);
        default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
      }
    }
    if (apiKey != null && apiKey.isBlank()) {
      throw new IllegalArgumentException("--api-key must not be blank");
    }
    return new ServeOptions(
        host,
        port,
        apiKey,
        dir,
        new FaultOptions(failFirst, status, retryAfter, maxBody, downFor, breakStreamAfter),
        allowedHosts,
        readTimeout,
        projectIdle);
  }

  private static String next(String[] args, int i, String name) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException("option '" + name + "' needs a value");
    }
    return args[i];
  }

  private static long number(String name, String v, long min, long max) {
    try {
      long n = Long.parseLong(v.trim());
      if (n < min || n > max) {
        throw new IllegalArgumentException(
            "option '" + name + "' must be between " + min + " and " + max + ", got " + v);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option '" + name + "' expects a number, got '" + v + "'");
    }
  }
}
