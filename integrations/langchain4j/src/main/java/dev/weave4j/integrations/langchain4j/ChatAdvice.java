package dev.weave4j.integrations.langchain4j;

import dev.weave4j.internal.trace.LlmCall;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code ChatModel.doChat(ChatRequest)} of every chat model: a trampoline. */
final class ChatAdvice {

  private ChatAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static LlmCall enter(@Advice.This Object model, @Advice.Argument(0) Object request) {
    return Lc4jTracing.INSTANCE.startChat(model, request);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter LlmCall call, @Advice.Return Object returned, @Advice.Thrown Throwable thrown) {
    Lc4jTracing.endChat(call, returned, thrown);
  }
}
