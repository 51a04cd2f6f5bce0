package dev.weave4j.integrations.langchain4j;

import dev.weave4j.internal.trace.LlmCall;
import net.bytebuddy.asm.Advice;

/** Inlined into the {@code embed}/{@code embedAll} entry points of embedding models. */
final class EmbedAdvice {

  private EmbedAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static LlmCall enter(@Advice.Argument(0) Object arg) {
    return Lc4jTracing.INSTANCE.startEmbed(arg);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.This Object model,
      @Advice.Enter LlmCall call,
      @Advice.Return Object returned,
      @Advice.Thrown Throwable thrown) {
    Lc4jTracing.endEmbed(call, model, returned, thrown);
  }
}
