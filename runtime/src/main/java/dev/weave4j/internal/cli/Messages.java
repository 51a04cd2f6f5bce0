package dev.weave4j.internal.cli;

import dev.weave4j.internal.store.LocalStoreReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Messages shared by the commands. */
final class Messages {

  private static final int MAX_PROJECTS = 10;

  private Messages() {}

  /** Nothing recorded in the project; names the other projects of the store, if any. */
  static String noCalls(LocalStoreReader reader) {
    Path projectDir = reader.projectDir();
    List<String> others = otherProjects(projectDir);
    if (others.isEmpty()) {
      return "No calls recorded yet in "
          + projectDir
          + ". Run your application with -javaagent:weave-agent.jar (local mode) to record some.";
    }
    StringBuilder sb =
        new StringBuilder("No calls recorded yet in ")
            .append(projectDir)
            .append(". Projects with calls in this store:");
    for (int i = 0; i < Math.min(others.size(), MAX_PROJECTS); i++) {
      sb.append("\n  ").append(others.get(i));
    }
    if (others.size() > MAX_PROJECTS) {
      sb.append("\n  … and ").append(others.size() - MAX_PROJECTS).append(" more");
    }
    return sb.append(
            "\nPick one with --project <entity/project> (or -Dweave.project / WEAVE_PROJECT).")
        .toString();
  }

  static String noRoots(LocalStoreReader reader) {
    return "No root calls in "
        + reader.projectDir()
        + " ("
        + reader.size()
        + " calls whose root was not recorded); use tree <call-id> to see them.";
  }

  /** {@code entity/project} of every other project folder of the store holding a store file. */
  private static List<String> otherProjects(Path projectDir) {
    List<String> out = new ArrayList<>();
    Path store = projectDir.toAbsolutePath().getParent().getParent();
    if (store == null || !Files.isDirectory(store)) {
      return out;
    }
    try (Stream<Path> entities = Files.list(store)) {
      for (Path entity : (Iterable<Path>) entities.sorted()::iterator) {
        if (!Files.isDirectory(entity) || entity.getFileName().toString().equals("spool")) {
          continue;
        }
        try (Stream<Path> projects = Files.list(entity)) {
          for (Path project : (Iterable<Path>) projects.sorted()::iterator) {
            if (!project.equals(projectDir.toAbsolutePath()) && hasStoreFile(project)) {
              out.add(entity.getFileName() + "/" + project.getFileName());
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // Only a hint: an unreadable folder just leaves it out.
    }
    return out;
  }

  private static boolean hasStoreFile(Path project) throws IOException {
    if (!Files.isDirectory(project)) {
      return false;
    }
    try (Stream<Path> files = Files.list(project)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".jsonl"));
    }
  }
}
