package dev.weave4j.internal.cli;

/** A user-facing failure: a message (no stack trace) and the exit code. */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final int NOT_FOUND = 1;
  static final int USAGE = 2;

  private final int exitCode;
  private final boolean showUsage;

  private CliException(int exitCode, String message, boolean showUsage) {
    super(message, null, false, false);
    this.exitCode = exitCode;
    this.showUsage = showUsage;
  }

  /** A bad command line: message and usage, exit 2. */
  static CliException usage(String message) {
    return new CliException(USAGE, message, true);
  }

  /** A bad request that usage would not explain (e.g. an ambiguous id): exit 2. */
  static CliException invalid(String message) {
    return new CliException(USAGE, message, false);
  }

  /** Nothing matches: exit 1. */
  static CliException notFound(String message) {
    return new CliException(NOT_FOUND, message, false);
  }

  int exitCode() {
    return exitCode;
  }

  boolean showUsage() {
    return showUsage;
  }
}
