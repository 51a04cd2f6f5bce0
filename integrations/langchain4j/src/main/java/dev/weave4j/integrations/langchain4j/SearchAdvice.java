package dev.weave4j.integrations.langchain4j;

import dev.weave4j.internal.trace.LlmCall;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code EmbeddingStore.search(EmbeddingSearchRequest)} implementations. */
final class SearchAdvice {

  private SearchAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static LlmCall enter(@Advice.Argument(0) Object request) {
    return Lc4jTracing.INSTANCE.startSearch(request);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter LlmCall call, @Advice.Return Object returned, @Advice.Thrown Throwable thrown) {
    Lc4jTracing.endSearch(call, returned, thrown);
  }
}
