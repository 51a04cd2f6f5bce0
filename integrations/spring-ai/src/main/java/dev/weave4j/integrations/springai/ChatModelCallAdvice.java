package dev.weave4j.integrations.springai;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Inlined into {@code ChatModel.call(Prompt)} of chat models: a trampoline. */
final class ChatModelCallAdvice {

  private ChatModelCallAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static Object enter(@Advice.Argument(0) Object argument) {
    return SpringAiHooks.start(SpringAiTracing.CHAT_CALL, argument);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter Object call,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
      @Advice.Thrown Throwable thrown) {
    returned = SpringAiHooks.exit(call, returned, thrown);
  }
}
