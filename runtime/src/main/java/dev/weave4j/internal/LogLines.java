package dev.weave4j.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Internal, unstable. weave4j's log records as single {@code weave4j: ...} lines on the stderr of
 * the moment, like the plain lines the agent prints itself; an exception as its type and message,
 * its stack trace only with {@code weave.debug=true}.
 */
final class LogLines extends Handler {

  /** Set once the settings are known; stack traces are for whoever asked to debug. */
  static volatile boolean debug;

  @Override
  public void publish(LogRecord record) {
    if (record == null || !isLoggable(record)) {
      return;
    }
    try {
      System.err.println(format(record, debug));
    } catch (RuntimeException e) {
      // Logging must never become the problem.
    }
  }

  static String format(LogRecord record, boolean withStackTrace) {
    String message = record.getMessage() == null ? "" : record.getMessage();
    StringBuilder line = new StringBuilder();
    if (!message.startsWith("weave4j")) {
      line.append("weave4j: ");
    }
    line.append(message);
    Throwable thrown = record.getThrown();
    if (thrown != null) {
      if (withStackTrace) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
      } else {
        line.append(": ").append(thrown).append(" (weave.debug=true shows the stack trace)");
      }
    }
    return line.toString();
  }

  @Override
  public void flush() {
    System.err.flush();
  }

  @Override
  public void close() {}
}
