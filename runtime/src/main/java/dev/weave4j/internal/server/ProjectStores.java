package dev.weave4j.internal.server;

import dev.weave4j.internal.store.ProjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The projects of a store folder, {@code <dir>/<entity>/<project>/}: the existing ones are indexed
 * at start-up, new ones on their first request.
 */
final class ProjectStores implements AutoCloseable {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
  private static final Pattern DOTS = Pattern.compile("\\.+");

  private final Path dir;
  private final Map<String, ProjectStore> projects = new ConcurrentHashMap<>();

  ProjectStores(Path dir) {
    this.dir = dir;
  }

  /** Indexes every project folder already in the store; returns their ids. */
  List<String> openExisting() {
    List<String> ids = list();
    ids.forEach(this::get);
    return ids;
  }

  /** The ids of the project folders in the store (written by {@code serve} or an agent), sorted. */
  List<String> list() {
    TreeSet<String> ids = new TreeSet<>(projects.keySet());
    if (!Files.isDirectory(dir)) {
      return new ArrayList<>(ids);
    }
    try (Stream<Path> entities = Files.list(dir)) {
      for (Path entity : entities.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> ps = Files.list(entity)) {
          for (Path p : ps.filter(Files::isDirectory).sorted().toList()) {
            String id = entity.getFileName() + "/" + p.getFileName();
            if (valid(id)) {
              ids.add(id);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the store " + dir, e);
    }
    return new ArrayList<>(ids);
  }

  /** The project, opened (indexed) on first use: for writes. */
  ProjectStore get(String projectId) {
    ProjectStore open = projectId == null ? null : projects.get(projectId);
    if (open != null) {
      return open;
    }
    checkValid(projectId);
    return projects.computeIfAbsent(projectId, id -> ProjectStore.open(folder(id), id, "serve"));
  }

  /**
   * The project if it exists, open or on disk (another process may have created it): for reads,
   * which keep nothing for a project that does not exist.
   */
  Optional<ProjectStore> existing(String projectId) {
    ProjectStore open = projectId == null ? null : projects.get(projectId);
    if (open != null) {
      return Optional.of(open);
    }
    checkValid(projectId);
    return Files.isDirectory(folder(projectId)) ? Optional.of(get(projectId)) : Optional.empty();
  }

  /** {@link #existing}, with what other processes appended since the last read. */
  Optional<ProjectStore> forRead(String projectId) {
    Optional<ProjectStore> p = existing(projectId);
    p.ifPresent(ProjectStore::refresh);
    return p;
  }

  private static void checkValid(String projectId) {
    if (!valid(projectId)) {
      throw ApiError.invalid(
          "Invalid project_id '"
              + projectId
              + "': expected 'entity/project' (letters, digits, '.', '_' and '-')");
    }
  }

  private Path folder(String projectId) {
    int slash = projectId.indexOf('/');
    return dir.resolve(projectId.substring(0, slash)).resolve(projectId.substring(slash + 1));
  }

  static boolean valid(String projectId) {
    if (projectId == null) {
      return false;
    }
    int slash = projectId.indexOf('/');
    if (slash < 0 || projectId.indexOf('/', slash + 1) >= 0) {
      return false;
    }
    String entity = projectId.substring(0, slash);
    String project = projectId.substring(slash + 1);
    return NAME.matcher(entity).matches()
        && NAME.matcher(project).matches()
        && !DOTS.matcher(entity).matches()
        && !DOTS.matcher(project).matches();
  }

  /** Number of calls in every open project. */
  long totalCalls() {
    return projects.values().stream().mapToLong(p -> p.reader().size()).sum();
  }

  @Override
  public void close() {
    projects.values().forEach(ProjectStore::close);
  }
}
