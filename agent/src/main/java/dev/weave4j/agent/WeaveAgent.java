package dev.weave4j.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/**
 * The agent's entry points: {@code premain} ({@code -javaagent:weave-agent.jar}), {@code agentmain}
 * (attach at run time) and {@code main} (the command line, {@code java -jar weave-agent.jar}).
 *
 * <p>Rules for maintainers: this class is loaded by the system class loader before anything else of
 * ours, so it references no other weave4j class directly. It puts the whole jar on the bootstrap
 * search path (so classes of every class loader, child-first ones included, see the one runtime)
 * and hands over to the installer loaded from there. It can never stop the JVM: any failure is
 * printed and tracing stays off.
 */
public final class WeaveAgent {

  private static final String INSTALLER = "dev.weave4j.agent.internal.AgentInstaller";
  private static final String CLI = "dev.weave4j.internal.cli.WeaveCli";

  private WeaveAgent() {}

  /** Called by the JVM for {@code -javaagent}. */
  public static void premain(String args, Instrumentation inst) {
    start(inst, args, false);
  }

  /** Called by the JVM when the agent is attached at run time. */
  public static void agentmain(String args, Instrumentation inst) {
    start(inst, args, true);
  }

  /** The command line: {@code java -jar weave-agent.jar <command>}. */
  public static void main(String[] args) throws ReflectiveOperationException {
    Class<?> cli = Class.forName(CLI);
    int code =
        (int)
            cli.getMethod(
                    "run", String[].class, java.io.PrintStream.class, java.io.PrintStream.class)
                .invoke(null, args, System.out, System.err);
    System.exit(code);
  }

  private static void start(Instrumentation inst, String args, boolean attached) {
    try {
      File jar =
          new File(WeaveAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!jar.isFile()) {
        System.err.println("weave4j: the agent must run from weave-agent.jar; tracing is off");
        return;
      }
      inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
      Class.forName(INSTALLER, true, null)
          .getMethod("install", Instrumentation.class, String.class, String.class, boolean.class)
          .invoke(null, inst, jar.getPath(), args, attached);
    } catch (Throwable t) {
      System.err.println("weave4j: the agent failed to start; tracing is off: " + t);
    }
  }
}
