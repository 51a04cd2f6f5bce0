package dev.weave4j.agent.internal;

/** Internal, unstable. Classes the agent never instruments, by internal name. */
final class Ignores {

  private static final String[] PREFIXES = {
    "java/",
    "javax/",
    "jdk/",
    "sun/",
    "com/sun/",
    "net/bytebuddy/",
    "dev/weave4j/shaded/",
    "dev/weave4j/agent/",
    "dev/weave4j/internal/",
    "dev/weave4j/annotations/",
    "io/opentelemetry/javaagent/",
    "datadog/",
    "co/elastic/apm/",
    "org/apache/skywalking/",
  };

  private Ignores() {}

  /**
   * True for JDK classes, which never carry {@code @WeaveOp} (so their class files need no look).
   */
  static boolean isJdk(String internalName) {
    return internalName.startsWith("java/")
        || internalName.startsWith("javax/")
        || internalName.startsWith("jdk/")
        || internalName.startsWith("sun/")
        || internalName.startsWith("com/sun/");
  }

  /** True for JDK, our own and other agents' classes. */
  static boolean ignored(String internalName) {
    for (String prefix : PREFIXES) {
      if (internalName.startsWith(prefix)) {
        return true;
      }
    }
    // The public API classes directly in dev.weave4j (Weave, Call, ...).
    return internalName.startsWith("dev/weave4j/")
        && internalName.indexOf('/', "dev/weave4j/".length()) < 0;
  }
}
