package dev.weave4j.integrations.langchain4j;

import java.lang.reflect.Method;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code invoke(proxy, method, args)} of the handler behind {@code AiServices}
 * proxies: a trampoline.
 */
final class ServiceAdvice {

  private ServiceAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static Object enter(@Advice.Argument(1) Method method, @Advice.Argument(2) Object[] args) {
    return ServiceTracing.INSTANCE.startService(method, args);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter Object call,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
      @Advice.Thrown Throwable thrown) {
    returned = ServiceTracing.endService(call, returned, thrown);
  }
}
