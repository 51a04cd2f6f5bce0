package dev.weave4j.integrations.langchain4j;

import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code DefaultToolExecutor}'s private {@code execute(Object[])}, which invokes the
 * {@code @Tool} method: its exception (turned into an error result by the executor) is the tool
 * call's.
 */
final class ToolFailureAdvice {

  private ToolFailureAdvice() {}

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Thrown Throwable thrown) {
    if (thrown != null) {
      ServiceTracing.toolThrew(thrown);
    }
  }
}
