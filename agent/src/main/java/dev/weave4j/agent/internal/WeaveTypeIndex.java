package dev.weave4j.agent.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.jar.asm.ClassReader;

/**
 * Internal, unstable. Decides from class-file bytes whether a class may declare or inherit a traced
 * method, before anything parses it: its own bytes name {@code @WeaveOp}, or so do (transitively)
 * the class files of its supertypes. A class is transformed before its supertypes are loaded, so
 * supertypes are read as resources of the class's loader (never loaded), and the answer is cached
 * per loader and class name. Only the class file's header is read (with the class reader Byte Buddy
 * ships), never its methods.
 */
final class WeaveTypeIndex {

  static final String WEAVE_OP = "dev.weave4j.annotations.WeaveOp";
  private static final byte[] DESCRIPTOR =
      "Ldev/weave4j/annotations/WeaveOp;".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_HIERARCHY_DEPTH = 64;

  /** Per loader (weakly held): internal class name to whether it declares or inherits an op. */
  private final Map<ClassLoader, Map<String, Boolean>> known = new WeakHashMap<>();

  /** True if the class may declare or inherit an op; remembers the answer. */
  boolean isCandidate(ClassLoader loader, String internalName, byte[] bytes) {
    boolean candidate = declaresOrInherits(loader, bytes, 0);
    cache(loader).put(internalName, candidate);
    return candidate;
  }

  /** Records a class found (by reflection) to declare or inherit an op. */
  void markBearing(ClassLoader loader, String internalName) {
    cache(loader).put(internalName, true);
  }

  /** True if {@code internalName} is known to declare or inherit an op in {@code loader}. */
  boolean isBearing(ClassLoader loader, String internalName) {
    return Boolean.TRUE.equals(cache(loader).get(internalName));
  }

  private boolean declaresOrInherits(ClassLoader loader, byte[] bytes, int depth) {
    if (contains(bytes, DESCRIPTOR)) {
      return true;
    }
    if (depth >= MAX_HIERARCHY_DEPTH) {
      return false;
    }
    ClassReader header = new ClassReader(bytes);
    String superName = header.getSuperName();
    if (superName != null && bearing(loader, superName, depth)) {
      return true;
    }
    for (String itf : header.getInterfaces()) {
      if (bearing(loader, itf, depth)) {
        return true;
      }
    }
    return false;
  }

  private boolean bearing(ClassLoader loader, String internalName, int depth) {
    if (Ignores.isJdk(internalName)) {
      return false;
    }
    Map<String, Boolean> cache = cache(loader);
    Boolean cached = cache.get(internalName);
    if (cached != null) {
      return cached;
    }
    byte[] superBytes = ClassFiles.bytes(loader, internalName);
    boolean result = false;
    try {
      result = superBytes != null && declaresOrInherits(loader, superBytes, depth + 1);
    } catch (RuntimeException unreadable) {
      // A supertype we cannot read cannot tell us about an op: treat as plain.
    }
    cache.put(internalName, result);
    return result;
  }

  private synchronized Map<String, Boolean> cache(ClassLoader loader) {
    Map<String, Boolean> cache = known.get(loader); // no lambda: one fewer class spun at start-up
    if (cache == null) {
      cache = new ConcurrentHashMap<>();
      known.put(loader, cache);
    }
    return cache;
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
