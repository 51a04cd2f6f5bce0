package dev.weave4j.integrations.openai;

import com.openai.core.ClientOptions;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into the SDK's service methods of kind {@link OpenAiHooks#RESPONSE_STREAM}: a trampoline.
 */
final class ResponseStreamAdvice {

  private ResponseStreamAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static Object enter(
      @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object params,
      @Advice.FieldValue("clientOptions") ClientOptions options) {
    Object call = OpenAiHooks.start(OpenAiHooks.RESPONSE_STREAM, params, options);
    params = OpenAiHooks.params(call, params);
    return call;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter Object call,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
      @Advice.Thrown Throwable thrown) {
    returned = OpenAiHooks.exit(call, returned, thrown);
  }
}
