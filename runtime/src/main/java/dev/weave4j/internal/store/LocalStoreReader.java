package dev.weave4j.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.query.CallsFilter;
import dev.weave4j.internal.query.CallsQueryRequest;
import dev.weave4j.internal.query.QueryEngine;
import dev.weave4j.internal.util.JsonMapper;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Internal, unstable. Reads one project folder of the local store ({@code
 * <local_dir>/<entity>/<project>/*.jsonl}) into calls shaped as the Weave server's {@code
 * CallSchema}.
 *
 * <p>Files are streamed line by line into a small in-memory index (ids, start time, and where each
 * call's start and end lines are); call bodies are read back from disk only when a call is asked
 * for, so a store of millions of lines needs little heap. A torn last line (a crash mid-write, or a
 * line still being written) is skipped silently and read again by {@link #refresh()} once complete;
 * other malformed lines are skipped and counted in {@link #skippedLines()}. Lines of unknown modes
 * are ignored. Thread-safe.
 */
public final class LocalStoreReader implements Closeable {

  private static final Logger LOG = Diagnostics.log(LocalStoreReader.class);
  private static final int MAX_LOGGED_BAD_LINES = 5;

  private final Path projectDir;
  private final ObjectMapper mapper;
  private final StoreRecordParser parser;
  private final CallIndex index = new CallIndex();
  private final List<Path> files = new ArrayList<>();
  private final Map<Path, Integer> fileNumbers = new HashMap<>();
  private final List<Long> consumed = new ArrayList<>();
  private final Map<Integer, FileChannel> channels = new HashMap<>();
  private final java.util.Set<Integer> goneWriters = new java.util.HashSet<>();
  private long skippedLines;
  private int lastDeleted;

  private final SideRecordHandler sideRecords;

  /** Receives the lines of modes the call index does not use (feedback, objects, files). */
  @FunctionalInterface
  public interface SideRecordHandler {
    /** One line: its mode and its {@code req} object. */
    void record(String mode, JsonNode req);
  }

  private LocalStoreReader(Path projectDir, SideRecordHandler sideRecords) {
    this.projectDir = projectDir;
    this.sideRecords = sideRecords;
    this.mapper = JsonMapper.forBoundedInput();
    this.parser = new StoreRecordParser(mapper.getFactory());
  }

  /**
   * Reads the project folder (which need not exist: the store is then empty).
   *
   * @throws UncheckedIOException when a store file cannot be read
   */
  public static LocalStoreReader open(Path projectDir) {
    return open(projectDir, null);
  }

  /**
   * Reads the project folder, passing lines of other modes (e.g. {@code feedback_create}) to {@code
   * sideRecords}.
   *
   * @throws UncheckedIOException when a store file cannot be read
   */
  public static LocalStoreReader open(Path projectDir, SideRecordHandler sideRecords) {
    LocalStoreReader reader = new LocalStoreReader(projectDir, sideRecords);
    reader.refresh();
    return reader;
  }

  /** The folder read: {@code <local_dir>/<entity>/<project>}. */
  public Path projectDir() {
    return projectDir;
  }

  /**
   * Reads what was appended since the last read, including new files.
   *
   * @throws UncheckedIOException when a store file cannot be read
   */
  public synchronized void refresh() {
    try {
      for (Path file : listFiles()) {
        Integer n = fileNumbers.get(file);
        if (n == null) {
          n = files.size();
          files.add(file);
          fileNumbers.put(file, n);
          consumed.add(0L);
        }
        int fileNo = n;
        long next =
            JsonlScanner.scan(
                file,
                consumed.get(fileNo),
                (offset, buf, off, len, terminated) ->
                    onLine(fileNo, offset, buf, off, len, terminated));
        consumed.set(fileNo, next);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the local store in " + projectDir, e);
    }
  }

  private List<Path> listFiles() throws IOException {
    if (!Files.isDirectory(projectDir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(projectDir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    }
  }

  private boolean onLine(int file, long offset, byte[] buf, int off, int len, boolean terminated) {
    if (isBlank(buf, off, len)) {
      return terminated;
    }
    StoreRecord record;
    try {
      record = parser.parse(buf, off, len);
    } catch (StoreRecordParser.MalformedRecordException e) {
      if (!terminated) {
        return false; // torn or still being written: skipped silently, re-read next time
      }
      skippedLines++;
      if (skippedLines <= MAX_LOGGED_BAD_LINES) {
        LOG.log(
            Level.FINE,
            "skipping malformed line at byte {0} of {1}: {2}",
            new Object[] {offset, files.get(file), e.getMessage()});
      }
      return true;
    }
    lastDeleted += index.apply(record, file, offset, len);
    if (sideRecords != null && record instanceof StoreRecord.Other other) {
      try {
        sideRecords.record(other.mode(), mapper.readTree(buf, off, len).path("req"));
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.FINE, "cannot read a " + other.mode() + " line of " + files.get(file), e);
      }
    }
    return true;
  }

  private static boolean isBlank(byte[] buf, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  /** Malformed lines skipped so far (not counting a torn last line). */
  public synchronized long skippedLines() {
    return skippedLines;
  }

  /** Number of visible calls (started, not deleted). */
  public synchronized int size() {
    return index.size();
  }

  /** Whether no call is visible. */
  public synchronized boolean isEmpty() {
    return index.size() == 0;
  }

  /** The call with exactly this id. */
  public synchronized Optional<ObjectNode> call(String id) {
    CallEntry e = index.get(id);
    return e == null ? Optional.empty() : Optional.of(materialize(e));
  }

  /** The trace id of the call with exactly this id. */
  public synchronized Optional<String> traceIdOf(String id) {
    CallEntry e = index.get(id);
    return e == null ? Optional.empty() : Optional.of(e.traceId);
  }

  /** Root calls (no parent), newest first, skipping {@code offset} and at most {@code limit}. */
  public synchronized List<ObjectNode> roots(int offset, int limit) {
    List<CallEntry> oldestFirst = index.rootsOldestFirst();
    List<CallEntry> page = new ArrayList<>();
    int skipped = 0;
    for (int i = oldestFirst.size() - 1; i >= 0; i--) {
      if (page.size() >= limit) {
        break;
      }
      if (skipped++ >= offset) {
        page.add(oldestFirst.get(i));
      }
    }
    return materialize(page);
  }

  /** Number of root calls. */
  public synchronized int rootCount() {
    return index.rootCount();
  }

  /**
   * One page of a calls query (filter, {@code $expr}, sort, offset, limit, columns), over the index
   * as of the last {@link #refresh()}.
   */
  public synchronized List<ObjectNode> query(CallsQueryRequest req) {
    return QueryEngine.run(req, candidates(req, false), candidates(req, true));
  }

  /** Streams the calls of a query to {@code sink}, holding this reader's lock meanwhile. */
  public synchronized void query(CallsQueryRequest req, Consumer<ObjectNode> sink) {
    QueryEngine.run(req, candidates(req, false), candidates(req, true), sink);
  }

  /** How many calls match a query (as {@code /calls/query_stats} counts). */
  public synchronized long count(CallsQueryRequest req) {
    return QueryEngine.count(req, candidates(req, false));
  }

  /**
   * Reads what was appended (see {@link #refresh()}) and returns how many visible calls the deletes
   * among it removed, descendants included.
   */
  public synchronized int refreshCountingDeletes() {
    lastDeleted = 0;
    refresh();
    return lastDeleted;
  }

  /**
   * Indexes lines this process just appended at {@code offset} of {@code file}, from the records
   * the batch holds; when the reader is not exactly up to that offset of the file (a concurrent
   * {@link #refresh()} already read some of it), the file is scanned instead.
   */
  synchronized void appended(Path file, long offset, StoreBatch batch) {
    Integer n = fileNumbers.get(file);
    if (n == null && offset == 0) {
      n = files.size();
      files.add(file);
      fileNumbers.put(file, n);
      consumed.add(0L);
    }
    if (n == null || consumed.get(n) != offset) {
      refresh();
      return;
    }
    for (StoreBatch.Line line : batch.lines()) {
      index.apply(line.record(), n, offset + line.offset(), line.length());
    }
    consumed.set(n, offset + batch.byteCount());
  }

  /**
   * The rows a query needs to look at, oldest (or newest) first: the calls of the ids, traces or
   * parents the filter names when it names some, else every call.
   */
  private Iterable<IndexedCallRow> candidates(CallsQueryRequest req, boolean newestFirst) {
    CallsFilter f = req.filter();
    List<CallEntry> entries;
    if (f.callIds() != null) {
      entries = sorted(f.callIds().stream().map(index::get).filter(Objects::nonNull));
    } else if (f.parentIds() != null) {
      entries = sorted(f.parentIds().stream().flatMap(p -> index.children(p).stream()));
    } else if (f.traceIds() != null) {
      entries = sorted(f.traceIds().stream().flatMap(t -> index.trace(t).stream()));
    } else if (Boolean.TRUE.equals(f.traceRootsOnly())) {
      entries = index.rootsOldestFirst();
    } else {
      entries = index.byStart();
    }
    return () ->
        new Iterator<>() {
          private int next = newestFirst ? entries.size() - 1 : 0;

          @Override
          public boolean hasNext() {
            return newestFirst ? next >= 0 : next < entries.size();
          }

          @Override
          public IndexedCallRow next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            CallEntry e = entries.get(newestFirst ? next-- : next++);
            return new IndexedCallRow(e, index, LocalStoreReader.this::materialize);
          }
        };
  }

  /** Distinct entries, oldest first. */
  private static List<CallEntry> sorted(Stream<CallEntry> entries) {
    List<CallEntry> list = new ArrayList<>(entries.toList());
    list.sort(CallEntry.BY_START);
    List<CallEntry> distinct = new ArrayList<>(list.size());
    for (CallEntry e : list) {
      if (distinct.isEmpty() || distinct.get(distinct.size() - 1) != e) {
        distinct.add(e);
      }
    }
    return distinct;
  }

  /** Every call of a trace, oldest first; empty for an unknown trace. */
  public synchronized List<ObjectNode> trace(String traceId) {
    return materialize(index.trace(traceId));
  }

  /** The direct children of a call, oldest first. */
  public synchronized List<ObjectNode> children(String callId) {
    return materialize(index.children(callId));
  }

  /**
   * Every call, oldest first, read from disk lazily as the stream is consumed. The stream reflects
   * the index when it was created.
   */
  public synchronized Stream<ObjectNode> calls() {
    return index.all().stream().map(this::materializeLocked);
  }

  /** Call ids starting or ending with {@code part}, in id order, at most {@code limit}. */
  public synchronized List<String> callIdsMatching(String part, int limit) {
    return index.idsWithPrefixOrSuffix(part, limit);
  }

  /** Trace ids starting or ending with {@code part}, in id order, at most {@code limit}. */
  public synchronized List<String> traceIdsMatching(String part, int limit) {
    return index.traceIdsWithPrefixOrSuffix(part, limit);
  }

  private ObjectNode materializeLocked(CallEntry e) {
    synchronized (this) {
      return materialize(e);
    }
  }

  private List<ObjectNode> materialize(List<CallEntry> entries) {
    List<ObjectNode> out = new ArrayList<>(entries.size());
    for (CallEntry e : entries) {
      out.add(materialize(e));
    }
    return out;
  }

  private ObjectNode materialize(CallEntry e) {
    JsonNode start = readBody(e.startAt, e.startLength, "start");
    JsonNode end = e.ended() ? readBody(e.endAt, e.endLength, "end") : null;
    boolean writerGone = !e.ended() && writerGone(CallEntry.file(e.startAt));
    return CallAssembler.assemble(start, end, index.displayNameUpdate(e), writerGone);
  }

  /** Whether the process that wrote store file number {@code file} is gone (dead stays dead). */
  private boolean writerGone(int file) {
    if (goneWriters.contains(file)) {
      return true;
    }
    boolean gone = StoreFiles.writerGone(files.get(file));
    if (gone) {
      goneWriters.add(file);
    }
    return gone;
  }

  private JsonNode readBody(long at, int length, String mode) {
    int file = CallEntry.file(at);
    long pos = CallEntry.offset(at);
    try {
      FileChannel ch = channels.get(file);
      if (ch == null) {
        ch = FileChannel.open(files.get(file), StandardOpenOption.READ);
        channels.put(file, ch);
      }
      ByteBuffer buf = ByteBuffer.allocate(length);
      while (buf.hasRemaining()) {
        int n = ch.read(buf, pos + buf.position());
        if (n < 0) {
          throw new IOException("file shrank while reading");
        }
      }
      return mapper.readTree(buf.array()).path("req").path(mode);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot re-read a call at byte " + pos + " of " + files.get(file), e);
    }
  }

  /** Releases open files. */
  @Override
  public synchronized void close() {
    for (FileChannel ch : channels.values()) {
      try {
        ch.close();
      } catch (IOException e) {
        LOG.log(Level.FINE, "cannot close a store file", e);
      }
    }
    channels.clear();
  }
}
