package dev.weave4j.internal.cli;

import java.util.ArrayList;
import java.util.List;

/** The parsed command line: a command, its positional arguments and the flags. */
record CliArgs(
    String command,
    List<String> positionals,
    boolean json,
    boolean ids,
    int limit,
    String project,
    String dir,
    String server,
    boolean help) {

  static final int DEFAULT_LIMIT = 20;

  /**
   * Parses {@code args}; flags may come before or after the command, as {@code --flag value} or
   * {@code --flag=value}.
   *
   * @throws CliException a usage error
   */
  static CliArgs parse(String[] args) {
    String command = null;
    List<String> positionals = new ArrayList<>();
    boolean json = false;
    boolean ids = false;
    boolean help = false;
    int limit = DEFAULT_LIMIT;
    String project = null;
    String dir = null;
    String server = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      if (arg.startsWith("--") && arg.contains("=")) {
        name = arg.substring(0, arg.indexOf('='));
        value = arg.substring(arg.indexOf('=') + 1);
      }
      switch (name) {
        case "--json" -> json = noValue(name, value);
        case "--ids" -> ids = noValue(name, value);
        case "--help", "-h" -> help = noValue(name, value);
        case "--limit" -> {
          String v = value != null ? value : next(args, ++i, name);
          limit = parseLimit(v);
        }
        case "--project" -> project = value != null ? value : next(args, ++i, name);
        case "--dir" -> dir = value != null ? value : next(args, ++i, name);
        case "--server" -> server = value != null ? value : next(args, ++i, name);
        default -> {
          if (arg.startsWith("-") && arg.length() > 1) {
            throw CliException.usage("unknown option '" + arg + "'");
          }
          if (command == null) {
            command = arg;
          } else {
            positionals.add(arg);
          }
        }
      }
    }
    return new CliArgs(
        command, List.copyOf(positionals), json, ids, limit, project, dir, server, help);
  }

  private static boolean noValue(String name, String value) {
    if (value != null) {
      throw CliException.usage("option '" + name + "' takes no value");
    }
    return true;
  }

  private static String next(String[] args, int i, String name) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw CliException.usage("option '" + name + "' needs a value");
    }
    if (args[i].isBlank()) {
      throw CliException.usage("option '" + name + "' needs a non-empty value");
    }
    return args[i];
  }

  private static int parseLimit(String v) {
    try {
      int n = Integer.parseInt(v.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw CliException.usage("--limit: expected a positive number, got '" + v + "'");
  }
}
