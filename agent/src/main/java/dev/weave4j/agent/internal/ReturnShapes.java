package dev.weave4j.agent.internal;

import dev.weave4j.internal.trace.ReturnShape;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;

/**
 * Internal, unstable. The {@link ReturnShape} of a method, from its declared return type (at
 * instrumentation time, so nothing is decided per call). Whether a type is a {@code
 * CompletionStage} is read from the class files of its supertypes, never by loading it.
 */
final class ReturnShapes {

  private static final String COMPLETION_STAGE = "java/util/concurrent/CompletionStage";
  private static final int MAX_SUPERTYPES = 64;

  private ReturnShapes() {}

  static ReturnShape of(String methodDescriptor, ClassLoader loader) {
    Type type = Type.getReturnType(methodDescriptor);
    if (type.getSort() != Type.OBJECT) {
      return ReturnShape.PLAIN;
    }
    ReturnShape shape = ReturnShape.ofDeclared(type.getClassName(), false);
    if (shape != ReturnShape.PLAIN) {
      return shape;
    }
    return isCompletionStage(type.getInternalName(), loader)
        ? ReturnShape.COMPLETION_STAGE
        : ReturnShape.PLAIN;
  }

  private static boolean isCompletionStage(String internalName, ClassLoader loader) {
    ArrayDeque<String> queue = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    queue.add(internalName);
    while (!queue.isEmpty() && seen.size() < MAX_SUPERTYPES) {
      String name = queue.poll();
      if (name.equals(COMPLETION_STAGE)) {
        return true;
      }
      // java.lang has no stage (String, boxes, Object: the common return types end here).
      if (!seen.add(name) || name.startsWith("java/lang/")) {
        continue;
      }
      byte[] bytes = ClassFiles.bytes(loader, name);
      if (bytes == null) {
        continue; // a supertype that cannot be read: not a stage as far as we can tell
      }
      try {
        ClassReader header = new ClassReader(bytes);
        if (header.getSuperName() != null) {
          queue.add(header.getSuperName());
        }
        queue.addAll(java.util.List.of(header.getInterfaces()));
      } catch (RuntimeException unreadable) {
        // not a class file we understand
      }
    }
    return false;
  }
}
