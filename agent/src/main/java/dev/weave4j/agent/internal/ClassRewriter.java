package dev.weave4j.agent.internal;

import dev.weave4j.agent.internal.ClassInfo.MethodInfo;
import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Internal, unstable. Rewrites one class file in place, adding advice to some of its methods and
 * changing nothing else (no new members, so classes can be retransformed). Methods without advice
 * are copied as they are; frames are kept rather than recomputed, so no class is ever loaded to
 * find a common supertype.
 */
final class ClassRewriter {

  /** Chooses the advice for each method that has code. */
  @FunctionalInterface
  interface Advisor {
    /** {@code next} wrapped in {@code method}'s advice, or {@code next} itself for none. */
    MethodVisitor advise(MethodVisitor next, ClassInfo type, MethodInfo method);
  }

  private ClassRewriter() {}

  /**
   * {@code bytes} (read as {@code type}) with {@code advisor}'s advice, or null when it advises no
   * method.
   */
  static byte[] rewrite(byte[] bytes, ClassInfo type, Advisor advisor) {
    Map<String, MethodInfo> methods = new HashMap<>();
    for (MethodInfo m : type.methods()) {
      if (!m.is(Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) {
        methods.put(m.key(), m);
      }
    }
    ClassReader reader = new ClassReader(bytes);
    ClassWriter writer = new ClassWriter(reader, 0);
    boolean[] advised = {false};
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            MethodInfo method = methods.get(name + descriptor);
            MethodVisitor advice = method == null ? next : advisor.advise(next, type, method);
            advised[0] |= advice != next;
            return advice;
          }
        },
        ClassReader.EXPAND_FRAMES);
    return advised[0] ? writer.toByteArray() : null;
  }
}
