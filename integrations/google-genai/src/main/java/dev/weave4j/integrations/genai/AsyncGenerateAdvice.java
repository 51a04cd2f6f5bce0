package dev.weave4j.integrations.genai;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Inlined into a generate method (stream: false, async: true): a trampoline. */
final class AsyncGenerateAdvice {

  private AsyncGenerateAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static Object enter(
      @Advice.Argument(0) String model,
      @Advice.Argument(1) Object contents,
      @Advice.Argument(2) Object config) {
    return GenAiHooks.start(model, contents, config, false, true);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter Object call,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
      @Advice.Thrown Throwable thrown) {
    returned = GenAiHooks.exit(call, returned, thrown);
  }
}
