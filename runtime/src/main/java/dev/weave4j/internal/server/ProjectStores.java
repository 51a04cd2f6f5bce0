package dev.weave4j.internal.server;

import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.store.ProjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The projects of a store folder, {@code <dir>/<entity>/<project>/}, each indexed on its first
 * request (concurrent first requests wait for the one index) and closed again once no request has
 * used it for the idle time, so that start-up costs nothing whatever the store's size and memory
 * follows the projects in use.
 *
 * <p>A request leases each project it touches ({@link #get}, {@link #existing}) until {@link
 * #releaseLeases()} at its end, on the same thread: a project in use is never closed under it.
 */
final class ProjectStores implements AutoCloseable {

  private static final Logger LOG = Diagnostics.log(ProjectStores.class);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
  private static final Pattern DOTS = Pattern.compile("\\.+");

  private final Path dir;
  private final long idleNanos;
  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<String, Entry> projects = new ConcurrentHashMap<>();
  private final ThreadLocal<List<Entry>> leases = ThreadLocal.withInitial(ArrayList::new);
  private volatile ScheduledExecutorService evictor;

  /** One project: indexed by its first user; counted users keep it open. */
  private final class Entry {
    private final String id;
    private final FutureTask<ProjectStore> index;
    private int users; // guarded by this
    private long lastUsed; // guarded by this
    private boolean closed; // guarded by this

    Entry(String id) {
      this.id = id;
      this.index = new FutureTask<>(() -> indexed(id));
    }

    /** Counts one more user, unless eviction closed this entry meanwhile. */
    synchronized boolean acquire() {
      if (closed) {
        return false;
      }
      users++;
      lastUsed = nanoClock.getAsLong();
      return true;
    }

    synchronized void release() {
      users--;
      lastUsed = nanoClock.getAsLong();
    }

    /** Marks this entry closed when it is indexed, unused and idle for the idle time. */
    synchronized boolean closeIfIdle(long now) {
      if (users == 0 && index.isDone() && now - lastUsed >= idleNanos) {
        closed = true;
      }
      return closed;
    }

    /** The store, indexed by the first caller; the others wait for that index. */
    ProjectStore store() {
      index.run(); // returns at once when another thread runs or ran it
      try {
        return index.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while indexing " + id, e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  /**
   * @param idleMillis how long a project stays open without a request; 0 keeps them open
   */
  ProjectStores(Path dir, long idleMillis) {
    this(dir, idleMillis, System::nanoTime);
  }

  /** Projects that stay open until {@link #close()}. */
  ProjectStores(Path dir) {
    this(dir, 0);
  }

  ProjectStores(Path dir, long idleMillis, LongSupplier nanoClock) {
    this.dir = dir;
    this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
    this.nanoClock = nanoClock;
  }

  /**
   * Closes idle projects every so often in the background (nothing when the idle time is 0).
   * Idempotent.
   */
  synchronized void startEvicting() {
    if (idleNanos <= 0 || evictor != null) {
      return;
    }
    ScheduledExecutorService s =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "weave4j-serve-evict");
              t.setDaemon(true);
              return t;
            });
    long period = Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(idleNanos) / 2, 60_000));
    s.scheduleWithFixedDelay(this::evictIdle, period, period, TimeUnit.MILLISECONDS);
    evictor = s;
  }

  /** The ids of the projects open or on disk (written by {@code serve} or an agent), sorted. */
  List<String> list() {
    TreeSet<String> ids = new TreeSet<>(projects.keySet());
    ids.addAll(onDisk());
    return new ArrayList<>(ids);
  }

  /** The ids of the project folders in the store, without opening them, sorted. */
  List<String> onDisk() {
    TreeSet<String> ids = new TreeSet<>();
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

  /** The project, indexed on first use and leased to this request: for writes. */
  ProjectStore get(String projectId) {
    if (projectId == null || !projects.containsKey(projectId)) {
      checkValid(projectId);
    }
    while (true) {
      Entry e = projects.computeIfAbsent(projectId, Entry::new);
      if (!e.acquire()) {
        projects.remove(projectId, e); // closed by eviction just now: open it again
        continue;
      }
      leases.get().add(e);
      try {
        return e.store();
      } catch (RuntimeException | Error failed) {
        projects.remove(projectId, e); // the next request tries again
        throw failed;
      }
    }
  }

  /**
   * The project if it exists, open or on disk (another process may have created it): for reads,
   * which keep nothing for a project that does not exist.
   */
  Optional<ProjectStore> existing(String projectId) {
    if (projectId != null && projects.containsKey(projectId)) {
      return Optional.of(get(projectId));
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

  /** Ends this thread's leases: called once a request is answered. */
  void releaseLeases() {
    List<Entry> mine = leases.get();
    for (Entry e : mine) {
      e.release();
    }
    mine.clear();
  }

  /** Closes the projects unused for the idle time; returns their ids. */
  List<String> evictIdle() {
    List<String> closed = new ArrayList<>();
    if (idleNanos <= 0) {
      return closed;
    }
    long now = nanoClock.getAsLong();
    for (Entry e : projects.values()) {
      if (e.closeIfIdle(now)) {
        projects.remove(e.id, e);
        closeQuietly(e);
        closed.add(e.id);
      }
    }
    if (!closed.isEmpty()) {
      LOG.fine(() -> "weave4j serve: closed idle project(s) " + closed);
    }
    return closed;
  }

  /** The ids of the projects open (or being indexed) now. */
  List<String> open() {
    return projects.keySet().stream().sorted().toList();
  }

  private ProjectStore indexed(String id) {
    long t0 = System.nanoTime();
    ProjectStore store = ProjectStore.open(folder(id), id, "serve");
    long calls = store.reader().size();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    if (calls > 0) { // a new project is no news
      LOG.info("weave4j serve: indexed " + id + ": " + calls + " calls in " + ms + " ms");
    }
    return store;
  }

  private static void closeQuietly(Entry e) {
    if (!e.index.isDone()) {
      return;
    }
    try {
      e.index.get().close();
    } catch (ExecutionException ignored) {
      // never opened: nothing to close
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException ex) {
      LOG.log(Level.WARNING, "weave4j serve: cannot close " + e.id, ex);
    }
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

  /** Number of calls in the projects indexed now. */
  long totalCalls() {
    long n = 0;
    for (Entry e : projects.values()) {
      if (e.index.isDone()) {
        try {
          n += e.index.get().reader().size();
        } catch (ExecutionException | InterruptedException ignored) {
          // not opened
        }
      }
    }
    return n;
  }

  @Override
  public void close() {
    ScheduledExecutorService s = evictor;
    if (s != null) {
      s.shutdownNow();
    }
    projects.values().forEach(ProjectStores::closeQuietly);
    projects.clear();
  }
}
