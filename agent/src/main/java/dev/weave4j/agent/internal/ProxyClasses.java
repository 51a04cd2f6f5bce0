package dev.weave4j.agent.internal;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Internal, unstable. Recognises the proxy classes frameworks generate at run time (Spring and
 * plain CGLIB, Byte Buddy, Javassist, Hibernate, JDK dynamic proxies) by the names their generators
 * give them, and finds the user's class a proxy stands for. An op of a proxy is traced under the
 * user's name as a proxy boundary: the call of the target method it forwards to is then not a
 * second call (see {@code OpDescriptor.forwardsTo}), and a proxy that answers without the target (a
 * cache hit) is still one call.
 */
final class ProxyClasses {

  /** Parts of the binary names of generated classes, by generator. */
  private static final String[] MARKERS = {
    "$$SpringCGLIB$$", // Spring 6+
    "$$EnhancerBySpringCGLIB$$", // Spring 5 and before
    "$$EnhancerByCGLIB$$", // plain CGLIB
    "$ByteBuddy$", // Byte Buddy's default naming
    "$HibernateProxy$", // Hibernate 5.3+ (Byte Buddy)
    "$$_javassist", // Javassist's ProxyFactory, old naming
    "_$$_jvst", // Javassist's ProxyFactory
  };

  private ProxyClasses() {}

  /** True for a class generated as a proxy, by its binary or internal name. */
  static boolean isProxy(String name) {
    for (String marker : MARKERS) {
      if (name.contains(marker)) {
        return true;
      }
    }
    return isJdkProxy(name);
  }

  /**
   * True for a JDK dynamic proxy ({@code jdk.proxy2.$Proxy12}, {@code com.sun.proxy.$Proxy3}, or
   * {@code $Proxy7} in the package of a non-public interface).
   */
  static boolean isJdkProxy(String name) {
    int simple = Math.max(name.lastIndexOf('/'), name.lastIndexOf('.')) + 1;
    if (!name.startsWith("$Proxy", simple) || simple + "$Proxy".length() == name.length()) {
      return false;
    }
    for (int i = simple + "$Proxy".length(); i < name.length(); i++) {
      if (!Character.isDigit(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The user's method a proxy's {@code method} stands for: the implementation on the nearest
   * superclass that is not itself generated (a subclass proxy), or else {@code declaration}, the
   * supertype method carrying the {@code @WeaveOp} (an interface proxy).
   */
  static MethodDescription userMethod(
      TypeDescription proxy, MethodDescription method, MethodDescription declaration) {
    try {
      for (TypeDefinition t = proxy.getSuperClass(); t != null; t = t.getSuperClass()) {
        TypeDescription type = t.asErasure();
        if (type.getName().startsWith("java.")) {
          break;
        }
        if (isProxy(type.getName())) {
          continue;
        }
        for (MethodDescription.InDefinedShape m : type.getDeclaredMethods()) {
          if (!m.isAbstract()
              && !m.isBridge()
              && m.getName().equals(method.getName())
              && m.asTypeToken()
                  .getParameterTypes()
                  .equals(method.asTypeToken().getParameterTypes())) {
            return m;
          }
        }
      }
    } catch (RuntimeException unresolvable) {
      // A superclass missing from the class path: the declaration names the call.
    }
    return declaration;
  }
}
