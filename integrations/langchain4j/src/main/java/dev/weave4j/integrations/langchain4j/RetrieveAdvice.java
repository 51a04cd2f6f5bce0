package dev.weave4j.integrations.langchain4j;

import dev.weave4j.internal.trace.LlmCall;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code ContentRetriever.retrieve(Query)} implementations. */
final class RetrieveAdvice {

  private RetrieveAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static LlmCall enter(@Advice.Argument(0) Object query) {
    return Lc4jTracing.INSTANCE.startRetrieve(query);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter LlmCall call, @Advice.Return Object returned, @Advice.Thrown Throwable thrown) {
    Lc4jTracing.endRetrieve(call, returned, thrown);
  }
}
