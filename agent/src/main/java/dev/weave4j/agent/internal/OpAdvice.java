package dev.weave4j.agent.internal;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Internal, unstable. The code Byte Buddy inlines around every {@code @WeaveOp} method: a
 * trampoline into {@link OpDispatch}, with the op's id baked in as a constant. The argument array
 * is built only for a call that is traced (Byte Buddy creates it where the advice reads it). No
 * exception handler of its own: {@link OpDispatch} never throws. The method's own exception is
 * rethrown unchanged.
 */
final class OpAdvice {

  private OpAdvice() {}

  @Advice.OnMethodEnter
  static Object enter(@OpId int op, @Advice.AllArguments Object[] args) {
    Object admitted = OpDispatch.admit(op);
    return admitted != OpDispatch.TRACE ? admitted : OpDispatch.enter(op, args);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  static void exit(
      @Advice.Enter Object scope,
      @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
      @Advice.Thrown Throwable thrown) {
    if (scope != null) {
      OpDispatch.exit(scope, returned, thrown);
    }
  }
}
