package dev.weave4j.integrations.anthropic;

import com.anthropic.core.ClientOptions;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into the SDK's service methods of kind {@link AnthropicHooks#BETA_MESSAGE}: a trampoline.
 */
final class BetaMessageAdvice {

  private BetaMessageAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static Object enter(
      @Advice.Argument(0) Object params,
      @Advice.FieldValue("clientOptions") ClientOptions options) {
    return AnthropicHooks.start(AnthropicHooks.BETA_MESSAGE, params, options);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter Object call,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
      @Advice.Thrown Throwable thrown) {
    returned = AnthropicHooks.exit(call, returned, thrown);
  }
}
