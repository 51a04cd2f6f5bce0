package dev.weave4j.integrations.langchain4j;

import net.bytebuddy.asm.Advice;

/** Inlined into {@code ToolExecutor.executeWithContext(request, context)}: a trampoline. */
final class ToolAdvice {

  private ToolAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static Object enter(@Advice.Argument(0) Object request) {
    return ServiceTracing.INSTANCE.startTool(request);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter Object call, @Advice.Return Object returned, @Advice.Thrown Throwable thrown) {
    ServiceTracing.endTool(call, returned, thrown);
  }
}
