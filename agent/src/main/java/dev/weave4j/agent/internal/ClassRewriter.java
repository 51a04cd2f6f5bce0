package dev.weave4j.agent.internal;

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

  /** Chooses the advice for each method. */
  @FunctionalInterface
  interface Advisor {
    /** {@code next} wrapped in the method's advice, or {@code next} itself for none. */
    MethodVisitor advise(MethodVisitor next, int access, String name, String descriptor);
  }

  private ClassRewriter() {}

  /** {@code bytes} with {@code advisor}'s advice, or null when it advises no method. */
  static byte[] rewrite(byte[] bytes, Advisor advisor) {
    ClassReader reader = new ClassReader(bytes);
    ClassWriter writer = new ClassWriter(reader, 0);
    boolean[] advised = {false};
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            MethodVisitor advice = advisor.advise(next, access, name, descriptor);
            advised[0] |= advice != next;
            return advice;
          }
        },
        ClassReader.EXPAND_FRAMES);
    return advised[0] ? writer.toByteArray() : null;
  }
}
