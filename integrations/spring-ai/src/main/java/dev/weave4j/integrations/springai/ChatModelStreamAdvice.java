package dev.weave4j.integrations.springai;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code ChatModel.stream(Prompt)} of chat models (the {@code Flux} is replaced by a
 * traced one): a trampoline.
 */
final class ChatModelStreamAdvice {

  private ChatModelStreamAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static Object enter(@Advice.Argument(0) Object argument) {
    return SpringAiHooks.start(SpringAiTracing.CHAT_STREAM, argument);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter Object call,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
      @Advice.Thrown Throwable thrown) {
    returned = SpringAiHooks.exit(call, returned, thrown);
  }
}
