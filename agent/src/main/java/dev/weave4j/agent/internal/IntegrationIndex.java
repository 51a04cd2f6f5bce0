package dev.weave4j.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Internal, unstable. The integrations shaded into the agent, read from their index entries ({@code
 * META-INF/weave4j/integrations.properties}, see {@code dev.weave4j.integration}) without loading
 * any of their classes.
 */
final class IntegrationIndex {

  static final String RESOURCE = "META-INF/weave4j/integrations.properties";

  /** One integration's entry: settings name, class, classes that must be present, versions. */
  record Entry(String name, String className, List<String> requires, String versions) {}

  private IntegrationIndex() {}

  /** The entries of {@code in} (a properties file), by name; malformed ones are reported. */
  static List<Entry> read(InputStream in) throws IOException {
    Properties p = new Properties();
    p.load(in);
    TreeSet<String> names = new TreeSet<>();
    for (String key : p.stringPropertyNames()) {
      if (key.endsWith(".class")) {
        names.add(key.substring(0, key.length() - ".class".length()));
      }
    }
    List<Entry> entries = new ArrayList<>();
    for (String name : names) {
      List<String> requires = new ArrayList<>();
      for (String r : p.getProperty(name + ".requires", "").split(",")) {
        if (!r.isBlank()) {
          requires.add(r.trim());
        }
      }
      entries.add(
          new Entry(
              name,
              p.getProperty(name + ".class").trim(),
              List.copyOf(requires),
              p.getProperty(name + ".versions", "").trim()));
    }
    return entries;
  }

  /** The entries shipped in the agent jar (on the boot class path), or none. */
  static List<Entry> shipped() {
    try (InputStream in = ClassLoader.getSystemResourceAsStream(RESOURCE)) {
      return in == null ? List.of() : read(in);
    } catch (IOException | RuntimeException e) {
      dev.weave4j.internal.Diagnostics.log()
          .warning("weave4j: the integration index cannot be read; no integration applies: " + e);
      return List.of();
    }
  }
}
