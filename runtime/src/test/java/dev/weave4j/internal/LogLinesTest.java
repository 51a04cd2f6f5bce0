package dev.weave4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogLinesTest {

  private static LogRecord warning(String message, Throwable thrown) {
    LogRecord r = new LogRecord(Level.WARNING, message);
    r.setThrown(thrown);
    return r;
  }

  @Test
  void aRecordIsOneWeave4jLineWithTheExceptionTypeAndMessage() {
    String line =
        LogLines.format(
            warning("weave4j: cannot write to the local store x", new IOException("disk full")),
            false);

    assertThat(line)
        .isEqualTo(
            "weave4j: cannot write to the local store x: java.io.IOException: disk full"
                + " (weave.debug=true shows the stack trace)")
        .doesNotContain("\n");
  }

  @Test
  void messagesWithoutThePrefixGetIt() {
    assertThat(LogLines.format(warning("serve: listening", null), false))
        .isEqualTo("weave4j: serve: listening");
  }

  @Test
  void withDebugTheStackTraceFollows() {
    String text = LogLines.format(warning("weave4j: failed", new IOException("disk full")), true);

    assertThat(text).startsWith("weave4j: failed\njava.io.IOException: disk full\n\tat ");
  }

  @Test
  void weave4jLoggersUseTheOneLineFormatInsteadOfTheDefaultTwoLineOne() {
    assertThat(Diagnostics.log().getHandlers()).hasAtLeastOneElementOfType(LogLines.class);
    assertThat(Diagnostics.log().getUseParentHandlers()).isFalse();
    assertThat(Diagnostics.log(LogLinesTest.class).getParent()).isSameAs(Diagnostics.log());
  }
}
