package dev.weave4j.agent.internal;

import dev.weave4j.internal.trace.Propagation;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Internal, unstable. Advice inlined into JDK executors so that work handed to another thread runs
 * under the tracing context of the thread that handed it over. Each is a trampoline into {@link
 * Propagation}, whose methods never throw.
 */
final class PropagationAdvice {

  private static final String PROPAGATION = Type.getInternalName(Propagation.class);
  private static final String RUNNABLE = "Ljava/lang/Runnable;";
  private static final String CALLABLE = "Ljava/util/concurrent/Callable;";

  private PropagationAdvice() {}

  /** True if parameter {@code index} of {@code descriptor} is a Runnable or a Callable. */
  static boolean isTask(String descriptor, int index) {
    Type[] parameters = Type.getArgumentTypes(descriptor);
    if (index >= parameters.length) {
      return false;
    }
    String type = parameters[index].getDescriptor();
    return type.equals(RUNNABLE) || type.equals(CALLABLE);
  }

  /** {@code task = Propagation.wrap(task)} for parameter {@code index}, a Runnable or Callable. */
  static MethodVisitor wrapArgument(MethodVisitor next, int access, String descriptor, int index) {
    Type[] parameters = Type.getArgumentTypes(descriptor);
    int slot = (access & Opcodes.ACC_STATIC) != 0 ? 0 : 1;
    for (int i = 0; i < index; i++) {
      slot += parameters[i].getSize();
    }
    String task = parameters[index].getDescriptor();
    int at = slot;
    return new AtEntry(next) {
      @Override
      void emit() {
        visitVarInsn(Opcodes.ALOAD, at);
        visitMethodInsn(Opcodes.INVOKESTATIC, PROPAGATION, "wrap", "(" + task + ")" + task, false);
        visitVarInsn(Opcodes.ASTORE, at);
      }
    };
  }

  /** {@code Propagation.capture(arg0)}: a ForkJoinTask handed to a pool. */
  static MethodVisitor captureArgument(MethodVisitor next, int access) {
    return capture(next, (access & Opcodes.ACC_STATIC) != 0 ? 0 : 1);
  }

  /** {@code Propagation.capture(this)}: a ForkJoinTask being forked. */
  static MethodVisitor captureThis(MethodVisitor next) {
    return capture(next, 0);
  }

  /** Runs a ForkJoinTask under the context captured for it. */
  static MethodVisitor runCaptured(
      MethodVisitor next, ClassInfo type, ClassInfo.MethodInfo method) {
    return new AroundAdvice(next, type, method) {
      @Override
      protected void onEnter() {
        visitVarInsn(Opcodes.ALOAD, 0);
        visitMethodInsn(
            Opcodes.INVOKESTATIC,
            PROPAGATION,
            "enter",
            "(Ljava/lang/Object;)Ljava/lang/Object;",
            false);
        visitVarInsn(Opcodes.ASTORE, slot);
      }

      @Override
      protected void onReturn(int opcode) {
        restore();
      }

      @Override
      protected void onThrow() {
        restore();
      }

      private void restore() {
        visitVarInsn(Opcodes.ALOAD, slot);
        visitMethodInsn(Opcodes.INVOKESTATIC, PROPAGATION, "exit", "(Ljava/lang/Object;)V", false);
      }
    };
  }

  private static MethodVisitor capture(MethodVisitor next, int slot) {
    return new AtEntry(next) {
      @Override
      void emit() {
        visitVarInsn(Opcodes.ALOAD, slot);
        visitMethodInsn(
            Opcodes.INVOKESTATIC, PROPAGATION, "capture", "(Ljava/lang/Object;)V", false);
      }
    };
  }

  /** Code at method entry only, needing one stack slot and no frame. */
  private abstract static class AtEntry extends MethodVisitor {
    AtEntry(MethodVisitor next) {
      super(Opcodes.ASM9, next);
    }

    abstract void emit();

    @Override
    public void visitCode() {
      super.visitCode();
      emit();
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      super.visitMaxs(Math.max(maxStack, 1), maxLocals);
    }
  }
}
