package dev.weave4j.internal.cli;

import dev.weave4j.internal.store.LocalStoreReader;

/** Messages shared by the commands. */
final class Messages {

  private Messages() {}

  static String noCalls(LocalStoreReader reader) {
    return "No calls recorded yet in "
        + reader.projectDir()
        + ". Run your application with -javaagent:weave-agent.jar (local mode) to record some.";
  }

  static String noRoots(LocalStoreReader reader) {
    return "No root calls in "
        + reader.projectDir()
        + " ("
        + reader.size()
        + " calls whose root was not recorded); use tree <call-id> to see them.";
  }
}
