package dev.weave4j.agent.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Internal, unstable. What the agent needs to know of a class, read from its class file in one pass
 * (never by loading it): its supertypes and simple name, and for each method its access,
 * {@code @WeaveOp} values, {@code @WeaveIgnore} parameters, parameter names, the method a bridge
 * calls and the number of local variable slots.
 *
 * @param version the class file's major version
 * @param name internal name ({@code com/acme/Outer$Inner})
 * @param superName internal name of the superclass, null for {@code java/lang/Object}
 * @param simpleName as {@link Class#getSimpleName()}: empty for anonymous classes
 */
record ClassInfo(
    int version,
    String name,
    String superName,
    List<String> interfaces,
    String simpleName,
    List<MethodInfo> methods) {

  static final String WEAVE_OP = "Ldev/weave4j/annotations/WeaveOp;";
  static final String WEAVE_IGNORE = "Ldev/weave4j/annotations/WeaveIgnore;";

  /** The dotted binary name ({@code com.acme.Outer$Inner}). */
  String className() {
    return name.replace('/', '.');
  }

  /** Reads {@code bytes}; throws if they are not a class file ASM understands. */
  static ClassInfo read(byte[] bytes) {
    Reader reader = new Reader();
    new ClassReader(bytes).accept(reader, ClassReader.SKIP_FRAMES);
    return reader.result();
  }

  /**
   * A method of the class.
   *
   * @param weaveOp the values of its own {@code @WeaveOp} (class values as ASM {@code Type}s), null
   *     when it has none
   * @param ignored per parameter, whether it carries {@code @WeaveIgnore}
   * @param parameterNames from MethodParameters, else the local variable table, else {@code argN}
   * @param bridged for a bridge method, {@code name + descriptor} of the method it calls, else null
   * @param maxLocals the local variable slots its code uses (0 without code)
   */
  record MethodInfo(
      int access,
      String name,
      String descriptor,
      Map<String, Object> weaveOp,
      boolean[] ignored,
      List<String> parameterNames,
      String bridged,
      int maxLocals) {

    boolean is(int flag) {
      return (access & flag) != 0;
    }

    /** {@code name + descriptor}: the method's identity within its class. */
    String key() {
      return name + descriptor;
    }

    /** The descriptor without its return type: what overriding compares. */
    String parameterDescriptor() {
      return descriptor.substring(0, descriptor.indexOf(')') + 1);
    }
  }

  private static final class Reader extends ClassVisitor {
    private int version;
    private String name;
    private String superName;
    private List<String> interfaces = List.of();
    private String simpleName;
    private final List<MethodReader> methods = new ArrayList<>();

    Reader() {
      super(Opcodes.ASM9);
    }

    @Override
    public void visit(
        int version,
        int access,
        String name,
        String signature,
        String superName,
        String[] interfaces) {
      this.version = version & 0xFFFF;
      this.name = name;
      this.superName = superName;
      this.interfaces = interfaces == null ? List.of() : List.of(interfaces);
    }

    @Override
    public void visitInnerClass(String name, String outerName, String innerName, int access) {
      if (name.equals(this.name)) {
        simpleName = innerName == null ? "" : innerName;
      }
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      MethodReader m = new MethodReader(access, name, descriptor);
      methods.add(m);
      return m;
    }

    ClassInfo result() {
      String simple = simpleName != null ? simpleName : name.substring(name.lastIndexOf('/') + 1);
      List<MethodInfo> infos = new ArrayList<>(methods.size());
      for (MethodReader m : methods) {
        infos.add(m.result());
      }
      return new ClassInfo(version, name, superName, interfaces, simple, List.copyOf(infos));
    }
  }

  private static final class MethodReader extends MethodVisitor {
    private final int access;
    private final String name;
    private final String descriptor;
    private final org.objectweb.asm.Type[] parameters;
    private final boolean[] ignored;
    private final List<String> declaredNames = new ArrayList<>();
    private final Map<Integer, String> slotNames = new HashMap<>();
    private Map<String, Object> weaveOp;
    private String bridged;
    private Label firstLabel;
    private int maxLocals;

    MethodReader(int access, String name, String descriptor) {
      super(Opcodes.ASM9);
      this.access = access;
      this.name = name;
      this.descriptor = descriptor;
      this.parameters = org.objectweb.asm.Type.getArgumentTypes(descriptor);
      this.ignored = new boolean[parameters.length];
    }

    @Override
    public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
      if (!WEAVE_OP.equals(desc)) {
        return null;
      }
      Map<String, Object> values = new HashMap<>();
      weaveOp = values;
      return new AnnotationVisitor(Opcodes.ASM9) {
        @Override
        public void visit(String property, Object value) {
          values.put(property, value);
        }
      };
    }

    @Override
    public AnnotationVisitor visitParameterAnnotation(int parameter, String desc, boolean visible) {
      if (WEAVE_IGNORE.equals(desc) && parameter >= 0 && parameter < ignored.length) {
        ignored[parameter] = true;
      }
      return null;
    }

    @Override
    public void visitParameter(String parameterName, int parameterAccess) {
      declaredNames.add(parameterName);
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String calledName, String calledDesc, boolean isInterface) {
      if (bridged == null && (access & Opcodes.ACC_BRIDGE) != 0 && calledName.equals(name)) {
        bridged = calledName + calledDesc;
      }
    }

    @Override
    public void visitLabel(Label label) {
      if (firstLabel == null) {
        firstLabel = label;
      }
    }

    @Override
    public void visitLocalVariable(
        String localName, String desc, String signature, Label start, Label end, int index) {
      // A parameter's entry starts where the code does; prefer it to a later local in its slot.
      if (start == firstLabel || !slotNames.containsKey(index)) {
        slotNames.put(index, localName);
      }
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      this.maxLocals = maxLocals;
    }

    MethodInfo result() {
      List<String> names = new ArrayList<>(parameters.length);
      int slot = (access & Opcodes.ACC_STATIC) != 0 ? 0 : 1;
      for (int i = 0; i < parameters.length; i++) {
        String n = i < declaredNames.size() ? declaredNames.get(i) : null;
        if (n == null) {
          n = slotNames.get(slot);
        }
        names.add(n != null ? n : "arg" + i);
        slot += parameters[i].getSize();
      }
      return new MethodInfo(
          access, name, descriptor, weaveOp, ignored, List.copyOf(names), bridged, maxLocals);
    }
  }
}
