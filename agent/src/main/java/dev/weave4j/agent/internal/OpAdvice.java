package dev.weave4j.agent.internal;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Internal, unstable. The code inlined around every {@code @WeaveOp} method, a trampoline into
 * {@link OpDispatch} with the op's id baked in as a constant:
 *
 * <pre>{@code
 * Object scope = OpDispatch.admit(id);
 * if (scope == OpDispatch.TRACE) scope = OpDispatch.enter(id, new Object[] {args...});
 * try { ...body...; OpDispatch.returned(value, scope); return value; }
 * catch (Throwable t) { OpDispatch.threw(t, scope); throw t; }
 * }</pre>
 *
 * For a streaming op the return is {@code return (R) OpDispatch.returnedValue(value, scope)}, so a
 * traced equivalent can be handed back; every other op's return value is never touched. The
 * method's own exception is rethrown unchanged.
 */
final class OpAdvice extends AroundAdvice {

  private static final String DISPATCH = Type.getInternalName(OpDispatch.class);
  private static final String OBJECT = "java/lang/Object";

  private final int opId;
  private final boolean streaming;

  OpAdvice(
      MethodVisitor next,
      ClassInfo type,
      ClassInfo.MethodInfo method,
      int opId,
      boolean streaming) {
    super(next, type, method);
    this.opId = opId;
    this.streaming = streaming && returnType().getSort() == Type.OBJECT;
  }

  @Override
  protected void onEnter() {
    Label admitted = new Label();
    pushInt(opId);
    dispatch("admit", "(I)Ljava/lang/Object;");
    visitInsn(Opcodes.DUP);
    visitFieldInsn(Opcodes.GETSTATIC, DISPATCH, "TRACE", "Ljava/lang/Object;");
    visitJumpInsn(Opcodes.IF_ACMPNE, admitted);
    visitInsn(Opcodes.POP);
    pushInt(opId);
    Type[] parameters = parameterTypes();
    pushInt(parameters.length);
    visitTypeInsn(Opcodes.ANEWARRAY, OBJECT);
    for (int i = 0; i < parameters.length; i++) {
      visitInsn(Opcodes.DUP);
      pushInt(i);
      loadParameter(i);
      box(parameters[i]);
      visitInsn(Opcodes.AASTORE);
    }
    dispatch("enter", "(I[Ljava/lang/Object;)Ljava/lang/Object;");
    visitLabel(admitted);
    frame(entryLocals(), OBJECT);
    visitVarInsn(Opcodes.ASTORE, slot);
  }

  @Override
  protected void onReturn(int opcode) {
    if (streaming) {
      visitVarInsn(Opcodes.ALOAD, slot);
      dispatch("returnedValue", "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;");
      String declared = returnType().getInternalName();
      if (!declared.equals(OBJECT)) {
        visitTypeInsn(Opcodes.CHECKCAST, declared);
      }
      return;
    }
    if (opcode == Opcodes.RETURN) {
      visitInsn(Opcodes.ACONST_NULL);
    } else {
      visitInsn(returnType().getSize() == 2 ? Opcodes.DUP2 : Opcodes.DUP);
      box(returnType());
    }
    visitVarInsn(Opcodes.ALOAD, slot);
    dispatch("returned", "(Ljava/lang/Object;Ljava/lang/Object;)V");
  }

  @Override
  protected void onThrow() {
    visitInsn(Opcodes.DUP);
    visitVarInsn(Opcodes.ALOAD, slot);
    dispatch("threw", "(Ljava/lang/Throwable;Ljava/lang/Object;)V");
  }

  private void dispatch(String name, String descriptor) {
    visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCH, name, descriptor, false);
  }
}
