package dev.weave4j.integrations.springai;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code ToolCallback.call(String[, ToolContext])} of tool callbacks: a trampoline.
 */
final class ToolAdvice {

  private ToolAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static Object enter(@Advice.This Object tool, @Advice.Argument(0) String input) {
    return SpringAiHooks.startTool(tool, input);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter Object call,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
      @Advice.Thrown Throwable thrown) {
    returned = SpringAiHooks.exit(call, returned, thrown);
  }
}
