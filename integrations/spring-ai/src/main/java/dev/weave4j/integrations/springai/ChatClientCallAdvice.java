package dev.weave4j.integrations.springai;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code ChatClient}'s call response spec, where every terminal {@code call()}
 * operation ends: a trampoline.
 */
final class ChatClientCallAdvice {

  private ChatClientCallAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static Object enter(@Advice.Argument(0) Object argument) {
    return SpringAiHooks.start(SpringAiTracing.CLIENT_CALL, argument);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter Object call,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
      @Advice.Thrown Throwable thrown) {
    returned = SpringAiHooks.exit(call, returned, thrown);
  }
}
