package dev.weave4j.integrations.genai;

import net.bytebuddy.asm.Advice;

/** Inlined into {@code ResponseStream.close()}: the stream's call ends. */
final class StreamCloseAdvice {

  private StreamCloseAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.This Object stream) {
    GenAiHooks.closed(stream);
  }
}
