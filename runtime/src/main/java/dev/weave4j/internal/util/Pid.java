package dev.weave4j.internal.util;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Internal, unstable. This process's id, for file names. On Linux it is read from {@code
 * /proc/self}: {@code ProcessHandle}'s class creates a thread pool when it loads, and the agent
 * would then have to instrument {@code ThreadPoolExecutor} during start-up (a tenth of a second on
 * a small machine), for an application that may never use one.
 */
public final class Pid {

  private static final long CURRENT = find();

  private Pid() {}

  /** This process's id. */
  public static long current() {
    return CURRENT;
  }

  private static long find() {
    try {
      Path self = Path.of("/proc/self");
      if (Files.isSymbolicLink(self)) {
        return Long.parseLong(Files.readSymbolicLink(self).toString());
      }
    } catch (Exception | LinkageError e) {
      // not Linux, or not allowed: ask the JDK
    }
    return ProcessHandle.current().pid();
  }
}
