package dev.weave4j.agent.internal;

import dev.weave4j.WeaveSettings;
import dev.weave4j.internal.Diagnostics;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Internal, unstable. Installs the library integrations the settings allow, and gives the start-up
 * report of them: on stderr with {@code weave.debug=true}, else as a debug log line.
 */
final class Integrations {

  private Integrations() {}

  static void install(Instrumentation inst, WeaveSettings settings) {
    List<IntegrationIndex.Entry> entries = IntegrationIndex.shipped();
    List<LibraryIntegration> enabled = new ArrayList<>();
    StringBuilder report = new StringBuilder("weave4j: integrations:");
    for (IntegrationIndex.Entry e : entries) {
      report.append(' ').append(e.name());
      if (!e.versions().isEmpty()) {
        report.append(' ').append(e.versions());
      }
      if (settings.integrationEnabled(e.name())) {
        enabled.add(new LibraryIntegration(e, settings.debug()));
        report.append(" (on, applied when ").append(String.join(", ", e.requires()));
        report.append(" is loaded);");
      } else {
        report.append(
            settings.implicitlyPatchIntegrations()
                ? " (off: weave.integrations." + e.name() + ".enabled=false);"
                : " (off: weave.implicitly_patch_integrations=false);");
      }
    }
    if (entries.isEmpty()) {
      report.append(" none in this agent");
    }
    if (settings.debug()) {
      System.err.println(report);
    } else if (loggingConfigured()) {
      Diagnostics.log().fine(report.toString());
    }
    if (enabled.isEmpty()) {
      return;
    }
    // Helpers are defined with the loader's own defineClass, looked up privately (HelperClasses).
    Module javaBase = Object.class.getModule();
    inst.redefineModule(
        javaBase,
        Set.of(),
        Map.of(),
        Map.of("java.lang", Set.of(Integrations.class.getModule())),
        Set.of(),
        Map.of());
    inst.addTransformer(new IntegrationTransformer(enabled), true);
  }

  /**
   * Whether a FINE line could be shown at all: only when the user configured java.util.logging
   * through these properties, since premain runs before any code of theirs could. Initializing
   * java.util.logging for a line nobody sees cost start-up about 15 ms.
   */
  private static boolean loggingConfigured() {
    return System.getProperty("java.util.logging.config.file") != null
        || System.getProperty("java.util.logging.config.class") != null;
  }
}
