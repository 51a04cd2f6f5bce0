package dev.weave4j.agent.internal;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Internal, unstable. {@link OpAdvice} for ops whose declared return type may stream (Iterator,
 * Iterable, Stream, Spliterator, Flow.Publisher, org.reactivestreams.Publisher, Reactor's Flux and
 * Mono, CompletionStage, Object): the exit may replace the return value with a traced equivalent.
 * Only those methods get it, so every other op's return value is never touched. The enter advice is
 * {@link OpAdvice}'s.
 */
final class StreamingOpAdvice {

  private StreamingOpAdvice() {}

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  static void exit(
      @Advice.Enter Object scope,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
      @Advice.Thrown Throwable thrown) {
    if (scope != null) {
      returned = OpDispatch.exitValue(scope, returned, thrown);
    }
  }
}
