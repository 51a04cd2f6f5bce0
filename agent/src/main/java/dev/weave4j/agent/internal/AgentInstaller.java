package dev.weave4j.agent.internal;

import dev.weave4j.WeaveSettings;
import dev.weave4j.internal.WeaveRuntime;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;

/**
 * Internal, unstable. Reads the configuration and, unless tracing is disabled or misconfigured,
 * starts the runtime and the instrumentation. Touches no Byte Buddy class itself, so a disabled
 * agent loads none.
 */
public final class AgentInstaller {

  private static boolean installed;

  private AgentInstaller() {}

  /** Installs once per JVM; a second attach does nothing. Never throws. */
  public static synchronized void install(Instrumentation inst, String jarPath, boolean attached) {
    if (installed) {
      return;
    }
    installed = true;
    WeaveSettings settings;
    try {
      settings = WeaveSettings.fromEnvironment();
      if (settings.disabled()) {
        return;
      }
      // Byte Buddy's classes load on a daemon thread while the runtime starts on this one.
      WarmUp.start();
      WeaveRuntime.install(settings);
    } catch (IllegalArgumentException e) {
      System.err.println("weave4j: configuration error: " + e.getMessage() + "; tracing is off");
      return;
    }
    WeaveRuntime.setCliCommand("java -jar " + displayPath(jarPath));
    Instrumenter.install(inst, attached, settings);
  }

  private static String displayPath(String jarPath) {
    try {
      Path jar = Path.of(jarPath).toAbsolutePath().normalize();
      Path cwd = Path.of("").toAbsolutePath();
      return jar.startsWith(cwd) ? cwd.relativize(jar).toString() : jar.toString();
    } catch (RuntimeException e) {
      return jarPath;
    }
  }
}
