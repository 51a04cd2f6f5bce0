package dev.weave4j.agent.internal;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.jar.asm.ClassReader;

/**
 * Internal, unstable. Decides from a class file's raw bytes whether it may hold a traced method,
 * before anything parses it: either the bytes name {@code @WeaveOp}, or a direct supertype is a
 * type already known to (inherit) it. Supertypes are always loaded before their subtypes, so the
 * index is complete by the time a subtype is seen.
 */
final class WeaveTypeIndex {

  static final String WEAVE_OP = "dev.weave4j.annotations.WeaveOp";
  private static final byte[] DESCRIPTOR =
      "Ldev/weave4j/annotations/WeaveOp;".getBytes(StandardCharsets.US_ASCII);

  private final Set<String> bearing = ConcurrentHashMap.newKeySet();

  /** True if the class may declare or inherit an op; remembers it for its subtypes. */
  boolean isCandidate(String internalName, byte[] bytes) {
    if (contains(bytes, DESCRIPTOR)) {
      bearing.add(internalName);
      return true;
    }
    if (bearing.isEmpty()) {
      return false;
    }
    ClassReader header = new ClassReader(bytes);
    if (bearing.contains(header.getSuperName())) {
      bearing.add(internalName);
      return true;
    }
    for (String itf : header.getInterfaces()) {
      if (bearing.contains(itf)) {
        bearing.add(internalName);
        return true;
      }
    }
    return false;
  }

  /** Records a class found (by reflection) to declare or inherit an op. */
  void markBearing(String internalName) {
    bearing.add(internalName);
  }

  /** True if {@code internalName} is known to declare or inherit an op. */
  boolean isBearing(String internalName) {
    return bearing.contains(internalName);
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    byte first = needle[0];
    int last = haystack.length - needle.length;
    outer:
    for (int i = 0; i <= last; i++) {
      if (haystack[i] != first) {
        continue;
      }
      for (int j = 1; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
