package dev.weave4j.integrations.genai;

import java.util.Iterator;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Inlined into {@code ResponseStream.iterator()}: the caller gets a traced iterator. */
final class StreamIteratorAdvice {

  private StreamIteratorAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(
      @Advice.This Object stream,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Iterator<?> returned) {
    returned = GenAiHooks.iterator(stream, returned);
  }
}
