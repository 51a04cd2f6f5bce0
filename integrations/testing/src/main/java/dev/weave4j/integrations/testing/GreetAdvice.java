package dev.weave4j.integrations.testing;

import dev.weave4j.testlib.Greeter;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code Greeter.greet}: a trampoline into {@link GreeterCalls}. */
final class GreetAdvice {

  private GreetAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static Object enter(@Advice.This Greeter greeter, @Advice.Argument(0) String name) {
    return GreeterCalls.start(greeter, name);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter Object call, @Advice.Return String greeting, @Advice.Thrown Throwable thrown) {
    GreeterCalls.end(call, greeting, thrown);
  }
}
