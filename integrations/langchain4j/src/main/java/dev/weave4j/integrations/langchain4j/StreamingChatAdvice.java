package dev.weave4j.integrations.langchain4j;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code StreamingChatModel.doChat(ChatRequest, StreamingChatResponseHandler)}: a
 * trampoline that hands the model the call's handler.
 */
final class StreamingChatAdvice {

  private StreamingChatAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static StreamingCall enter(
      @Advice.This Object model,
      @Advice.Argument(0) Object request,
      @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC)
          Object handler) {
    StreamingCall call = Lc4jTracing.INSTANCE.startStreaming(model, request, handler);
    if (call != null) {
      handler = call.handler();
    }
    return call;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter StreamingCall call, @Advice.Thrown Throwable thrown) {
    if (call != null) {
      call.returned(thrown);
    }
  }
}
