package dev.weave4j.agent.internal;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Internal, unstable. Inlines advice around a method body, as Byte Buddy's {@code Advice} does but
 * with plain ASM (a few dozen classes to load instead of several hundred): code at entry that
 * leaves one value in a local of its own, code before every return, and a catch-all handler after
 * the body that runs the exit code and rethrows. The method's own code, locals and frames are kept:
 * the advice's local sits above the method's locals ({@code maxLocals}), and every stack map frame
 * is widened to declare it. The handler covers the body only, never the advice's own code.
 *
 * <p>The advice calls helpers that catch everything themselves, so it needs no handler of its own.
 */
abstract class AroundAdvice extends MethodVisitor {

  /** Stack slots the advice may need above what the method needs. */
  private static final int EXTRA_STACK = 4;

  /** Stack slots the entry code needs (op id, array, array, index, a long or double). */
  private static final int ENTRY_STACK = 6;

  private final boolean frames;
  private final String owner;
  private final int access;
  private final String descriptor;

  /** The advice's local: above every local of the method. */
  protected final int slot;

  private final List<Label> ranges = new ArrayList<>();
  private Label rangeStart;
  private boolean rangeHasCode;

  AroundAdvice(MethodVisitor next, ClassInfo type, ClassInfo.MethodInfo method) {
    super(Opcodes.ASM9, next);
    this.frames = type.version() >= Opcodes.V1_6;
    this.owner = type.name();
    this.access = method.access();
    this.descriptor = method.descriptor();
    this.slot = method.maxLocals();
  }

  /** Emits the entry code; it must end by storing the advice's value in {@link #slot}. */
  protected abstract void onEnter();

  /** Emits the code before a return of {@code opcode}; the returned value is on the stack. */
  protected abstract void onReturn(int opcode);

  /** Emits the code run when the body throws; the throwable is on the stack and must stay. */
  protected abstract void onThrow();

  @Override
  public void visitCode() {
    super.visitCode();
    onEnter();
    openRange();
  }

  @Override
  public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
    if (type != Opcodes.F_NEW) {
      throw new IllegalStateException("frames must be read expanded");
    }
    Object[] widened = widen(local, numLocal);
    super.visitFrame(type, widened.length, widened, numStack, stack);
  }

  @Override
  public void visitInsn(int opcode) {
    if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
      closeRange();
      onReturn(opcode);
      super.visitInsn(opcode);
      openRange();
      return;
    }
    rangeHasCode = true;
    super.visitInsn(opcode);
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    closeRange();
    if (!ranges.isEmpty()) {
      Label handler = new Label();
      for (int i = 0; i < ranges.size(); i += 2) {
        // After the method's own handlers: those are searched first and keep their meaning.
        super.visitTryCatchBlock(ranges.get(i), ranges.get(i + 1), handler, null);
      }
      super.visitLabel(handler);
      Object[] locals = widen(new Object[0], 0);
      frame(locals, "java/lang/Throwable");
      onThrow();
      super.visitInsn(Opcodes.ATHROW);
    }
    super.visitMaxs(Math.max(maxStack + EXTRA_STACK, ENTRY_STACK), slot + 1);
  }

  /** A full frame at the current position, unless the class file predates stack map frames. */
  protected final void frame(Object[] locals, Object... stack) {
    if (frames) {
      super.visitFrame(Opcodes.F_NEW, locals.length, locals, stack.length, stack);
    }
  }

  /** The locals at entry: {@code this} (unless static) and the parameters, as frames list them. */
  protected final Object[] entryLocals() {
    List<Object> locals = new ArrayList<>();
    if ((access & Opcodes.ACC_STATIC) == 0) {
      locals.add(owner);
    }
    for (Type t : Type.getArgumentTypes(descriptor)) {
      locals.add(frameType(t));
    }
    return locals.toArray();
  }

  /** Loads parameter {@code index} (0-based, {@code this} not counted) onto the stack. */
  protected final void loadParameter(int index) {
    Type[] parameters = Type.getArgumentTypes(descriptor);
    int at = (access & Opcodes.ACC_STATIC) == 0 ? 1 : 0;
    for (int i = 0; i < index; i++) {
      at += parameters[i].getSize();
    }
    super.visitVarInsn(parameters[index].getOpcode(Opcodes.ILOAD), at);
  }

  /** Boxes the value of {@code type} on the stack (nothing for references). */
  protected final void box(Type type) {
    if (type.getSort() >= Type.ARRAY) {
      return;
    }
    Type boxed = boxedType(type);
    super.visitMethodInsn(
        Opcodes.INVOKESTATIC,
        boxed.getInternalName(),
        "valueOf",
        Type.getMethodDescriptor(boxed, type),
        false);
  }

  /** Pushes an int constant in its shortest form. */
  protected final void pushInt(int value) {
    if (value >= -1 && value <= 5) {
      super.visitInsn(Opcodes.ICONST_0 + value);
    } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
      super.visitIntInsn(Opcodes.BIPUSH, value);
    } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
      super.visitIntInsn(Opcodes.SIPUSH, value);
    } else {
      super.visitLdcInsn(value);
    }
  }

  protected final Type returnType() {
    return Type.getReturnType(descriptor);
  }

  protected final Type[] parameterTypes() {
    return Type.getArgumentTypes(descriptor);
  }

  private void openRange() {
    rangeStart = new Label();
    super.visitLabel(rangeStart);
    rangeHasCode = false;
  }

  private void closeRange() {
    if (rangeHasCode) {
      Label end = new Label();
      super.visitLabel(end);
      ranges.add(rangeStart);
      ranges.add(end);
    }
    rangeHasCode = false;
  }

  /** {@code local} padded with TOP up to {@link #slot}, then the advice's local. */
  private Object[] widen(Object[] local, int numLocal) {
    List<Object> widened = new ArrayList<>(numLocal + 2);
    int slots = 0;
    for (int i = 0; i < numLocal; i++) {
      widened.add(local[i]);
      slots += local[i] == Opcodes.LONG || local[i] == Opcodes.DOUBLE ? 2 : 1;
    }
    if (slots > slot) {
      throw new IllegalStateException("a frame declares more locals than the method has");
    }
    for (; slots < slot; slots++) {
      widened.add(Opcodes.TOP);
    }
    widened.add("java/lang/Object");
    return widened.toArray();
  }

  private static Object frameType(Type t) {
    switch (t.getSort()) {
      case Type.BOOLEAN:
      case Type.BYTE:
      case Type.CHAR:
      case Type.SHORT:
      case Type.INT:
        return Opcodes.INTEGER;
      case Type.FLOAT:
        return Opcodes.FLOAT;
      case Type.LONG:
        return Opcodes.LONG;
      case Type.DOUBLE:
        return Opcodes.DOUBLE;
      default:
        return t.getSort() == Type.ARRAY ? t.getDescriptor() : t.getInternalName();
    }
  }

  private static Type boxedType(Type primitive) {
    switch (primitive.getSort()) {
      case Type.BOOLEAN:
        return Type.getType(Boolean.class);
      case Type.BYTE:
        return Type.getType(Byte.class);
      case Type.CHAR:
        return Type.getType(Character.class);
      case Type.SHORT:
        return Type.getType(Short.class);
      case Type.INT:
        return Type.getType(Integer.class);
      case Type.FLOAT:
        return Type.getType(Float.class);
      case Type.LONG:
        return Type.getType(Long.class);
      default:
        return Type.getType(Double.class);
    }
  }

  // Every other instruction is part of the body: the handler's range must not be empty.

  @Override
  public void visitIntInsn(int opcode, int operand) {
    rangeHasCode = true;
    super.visitIntInsn(opcode, operand);
  }

  @Override
  public void visitVarInsn(int opcode, int varIndex) {
    rangeHasCode = true;
    super.visitVarInsn(opcode, varIndex);
  }

  @Override
  public void visitTypeInsn(int opcode, String type) {
    rangeHasCode = true;
    super.visitTypeInsn(opcode, type);
  }

  @Override
  public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
    rangeHasCode = true;
    super.visitFieldInsn(opcode, owner, name, descriptor);
  }

  @Override
  public void visitMethodInsn(
      int opcode, String owner, String name, String descriptor, boolean isInterface) {
    rangeHasCode = true;
    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
  }

  @Override
  public void visitInvokeDynamicInsn(
      String name,
      String descriptor,
      org.objectweb.asm.Handle bootstrapMethodHandle,
      Object... bootstrapMethodArguments) {
    rangeHasCode = true;
    super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethodHandle, bootstrapMethodArguments);
  }

  @Override
  public void visitJumpInsn(int opcode, Label label) {
    rangeHasCode = true;
    super.visitJumpInsn(opcode, label);
  }

  @Override
  public void visitLdcInsn(Object value) {
    rangeHasCode = true;
    super.visitLdcInsn(value);
  }

  @Override
  public void visitIincInsn(int varIndex, int increment) {
    rangeHasCode = true;
    super.visitIincInsn(varIndex, increment);
  }

  @Override
  public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
    rangeHasCode = true;
    super.visitTableSwitchInsn(min, max, dflt, labels);
  }

  @Override
  public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
    rangeHasCode = true;
    super.visitLookupSwitchInsn(dflt, keys, labels);
  }

  @Override
  public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
    rangeHasCode = true;
    super.visitMultiANewArrayInsn(descriptor, numDimensions);
  }
}
