package dev.weave4j.internal.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The calls of a store, as small entries pointing at their start and end lines, with the fields
 * queries filter and sort on most (ids, op name, display name, thread, turn, times). Records may
 * arrive in any order and from any file; every record updates the index in place (a delete cascades
 * to the descendants known now and to those that start later), so appending to a store of millions
 * of calls stays cheap. Not thread-safe; {@link LocalStoreReader} guards it.
 */
final class CallIndex {

  /** One call: ids, query fields and where its start and end lines are. */
  static final class Entry {
    final String id;
    String traceId;
    String parentId;
    long startedMicros;
    String opName;
    String displayName;
    String threadId;
    String turnId;
    long endedMicros = -1;
    boolean hasException;
    LineLocation start;
    LineLocation end;
    boolean deleted;
    List<Entry> children;

    Entry(String id) {
      this.id = id;
    }

    boolean visible() {
      return start != null && !deleted;
    }
  }

  /** Oldest first, ties by id. */
  static final Comparator<Entry> BY_START =
      Comparator.<Entry>comparingLong(e -> e.startedMicros).thenComparing(e -> e.id);

  private final Map<String, Entry> entries = new HashMap<>();
  private final Map<String, String> strings = new HashMap<>();
  private final Map<String, String> displayNames = new HashMap<>();
  private final NavigableSet<Entry> byStart = new TreeSet<>(BY_START);
  private final NavigableSet<Entry> roots = new TreeSet<>(BY_START);
  private final NavigableMap<String, Entry> byId = new TreeMap<>();
  private final NavigableMap<String, List<Entry>> byTrace = new TreeMap<>();

  /**
   * Applies one record.
   *
   * @return for a delete, how many visible calls it removed (descendants included); else 0
   */
  int apply(StoreRecord record, LineLocation where) {
    if (record instanceof StoreRecord.Start s) {
      start(s, where);
    } else if (record instanceof StoreRecord.End end) {
      Entry e = entries.computeIfAbsent(end.id(), Entry::new);
      if (e.end == null) {
        e.end = where;
        e.endedMicros = end.endedMicros();
        e.hasException = end.hasException();
      }
    } else if (record instanceof StoreRecord.DisplayNameUpdate u) {
      displayNames.put(u.callId(), u.displayName() == null ? "" : u.displayName());
    } else if (record instanceof StoreRecord.Delete d) {
      int n = 0;
      for (String id : d.callIds()) {
        n += delete(entries.computeIfAbsent(id, Entry::new));
      }
      return n;
    }
    return 0;
  }

  private void start(StoreRecord.Start s, LineLocation where) {
    Entry e = entries.computeIfAbsent(s.id(), Entry::new);
    if (e.start != null) {
      return; // a replayed start (sync, retries): the first one counts
    }
    e.start = where;
    // Trace ids are mostly unique (one per root call): share the parent's string instead of
    // interning them, which would cost a map entry per call.
    e.traceId = s.traceId();
    e.startedMicros = s.startedMicros();
    e.opName = shared(s.opName());
    e.displayName = s.displayName();
    e.threadId = shared(s.threadId());
    e.turnId = shared(s.turnId());
    if (s.parentId() != null) {
      Entry parent = entries.computeIfAbsent(s.parentId(), Entry::new);
      e.parentId = parent.id;
      if (e.traceId != null && e.traceId.equals(parent.traceId)) {
        e.traceId = parent.traceId;
      }
      if (parent.children == null) {
        parent.children = new ArrayList<>(2);
      }
      parent.children.add(e);
      if (parent.deleted) {
        e.deleted = true;
      }
    }
    if (e.deleted) {
      return;
    }
    byStart.add(e);
    byId.put(e.id, e);
    byTrace.computeIfAbsent(e.traceId, k -> new ArrayList<>(4)).add(e);
    if (e.parentId == null) {
      roots.add(e);
    }
  }

  private int delete(Entry root) {
    int n = 0;
    Deque<Entry> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      Entry e = todo.pop();
      if (e.deleted) {
        continue;
      }
      boolean wasVisible = e.visible();
      e.deleted = true;
      if (wasVisible) {
        n++;
        byStart.remove(e);
        byId.remove(e.id);
        roots.remove(e);
        List<Entry> trace = byTrace.get(e.traceId);
        if (trace != null) {
          trace.remove(e);
          if (trace.isEmpty()) {
            byTrace.remove(e.traceId);
          }
        }
      }
      if (e.children != null) {
        e.children.forEach(todo::push);
      }
    }
    return n;
  }

  private String shared(String s) {
    return s == null ? null : strings.computeIfAbsent(s, k -> k);
  }

  int size() {
    return byStart.size();
  }

  /** The visible call with this id, or null. */
  Entry get(String id) {
    Entry e = entries.get(id);
    return e != null && e.visible() ? e : null;
  }

  /** The display name set by a later update: null when none, "" when removed. */
  String displayNameUpdate(String id) {
    return displayNames.get(id);
  }

  /** The display name a call shows now: its update, else its start's; null for none. */
  String displayName(Entry e) {
    String update = displayNames.get(e.id);
    String name = update != null ? update : e.displayName;
    return name == null || name.isEmpty() ? null : name;
  }

  /** Root calls, newest first (a live view). */
  NavigableSet<Entry> roots() {
    return Collections.unmodifiableNavigableSet(roots.descendingSet());
  }

  /** Root calls, oldest first (a live view). */
  NavigableSet<Entry> rootsOldestFirst() {
    return Collections.unmodifiableNavigableSet(roots);
  }

  int rootCount() {
    return roots.size();
  }

  /** Oldest first. */
  List<Entry> trace(String traceId) {
    List<Entry> t = byTrace.get(traceId);
    if (t == null) {
      return List.of();
    }
    List<Entry> sorted = new ArrayList<>(t);
    sorted.sort(BY_START);
    return Collections.unmodifiableList(sorted);
  }

  /** Visible direct children, oldest first. */
  List<Entry> children(String id) {
    Entry e = entries.get(id);
    if (e == null || !e.visible() || e.children == null) {
      return List.of();
    }
    List<Entry> kids = new ArrayList<>();
    for (Entry c : e.children) {
      if (c.visible()) {
        kids.add(c);
      }
    }
    kids.sort(BY_START);
    return kids;
  }

  List<String> idsWithPrefix(String prefix, int limit) {
    return withPrefix(byId, prefix, limit);
  }

  List<String> traceIdsWithPrefix(String prefix, int limit) {
    return withPrefix(byTrace, prefix, limit);
  }

  /** All visible calls, oldest first (a live view: do not modify the index while iterating). */
  NavigableSet<Entry> byStart() {
    return Collections.unmodifiableNavigableSet(byStart);
  }

  /** All visible calls, oldest first (a copy). */
  List<Entry> all() {
    return new ArrayList<>(byStart);
  }

  private static List<String> withPrefix(NavigableMap<String, ?> map, String prefix, int limit) {
    List<String> out = new ArrayList<>();
    for (String key : map.tailMap(prefix, true).keySet()) {
      if (!key.startsWith(prefix) || out.size() >= limit) {
        break;
      }
      out.add(key);
    }
    return out;
  }
}
