package dev.weave4j.internal.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls of a store, as compact entries pointing at their start and end lines, with the fields
 * queries filter and sort on most (ids, op name, display name, thread, turn, times). Records may
 * arrive in any order and from any file; every record updates the index in place (a delete cascades
 * to the descendants known now and to those that start later), so appending to a store of millions
 * of calls stays cheap: an id costs a table slot, a call an array slot in start order, a trace one
 * map entry. Not thread-safe; {@link LocalStoreReader} guards it.
 */
final class CallIndex {

  private final EntryTable entries = new EntryTable();
  private final Map<String, String> strings = new HashMap<>();
  private final Map<String, String> displayNames = new HashMap<>();
  private final StartOrder byStart = new StartOrder();
  private final StartOrder roots = new StartOrder();

  /** Each trace's first indexed call; the others follow through {@link CallEntry#nextInTrace}. */
  private final Map<String, CallEntry> traces = new HashMap<>();

  private int visible;
  private int visibleRoots;

  /**
   * Applies one record, read from {@code length} bytes at {@code offset} of file {@code file}.
   *
   * @return for a delete, how many visible calls it removed (descendants included); else 0
   */
  int apply(StoreRecord record, int file, long offset, int length) {
    if (record instanceof StoreRecord.Start s) {
      start(s, CallEntry.at(file, offset), length);
    } else if (record instanceof StoreRecord.End end) {
      CallEntry e = entries.getOrAdd(end.id());
      if (!e.ended()) {
        e.endAt = CallEntry.at(file, offset);
        e.endLength = length;
        e.endedMicros = end.endedMicros();
        e.hasException = end.hasException();
      }
    } else if (record instanceof StoreRecord.DisplayNameUpdate u) {
      displayNames.put(u.callId(), u.displayName() == null ? "" : u.displayName());
    } else if (record instanceof StoreRecord.Delete d) {
      int n = 0;
      for (String id : d.callIds()) {
        n += delete(entries.getOrAdd(id));
      }
      return n;
    }
    return 0;
  }

  private void start(StoreRecord.Start s, long at, int length) {
    CallEntry e = entries.getOrAdd(s.id());
    if (e.started()) {
      return; // a replayed start (sync, retries): the first one counts
    }
    e.startAt = at;
    e.startLength = length;
    // Trace ids are mostly unique (one per root call): share the parent's string instead of
    // interning them, which would cost a map entry per call.
    e.traceId = s.traceId();
    e.startedMicros = s.startedMicros();
    e.opName = shared(s.opName());
    e.displayName = s.displayName();
    e.threadId = shared(s.threadId());
    e.turnId = shared(s.turnId());
    if (s.parentId() != null) {
      CallEntry parent = entries.getOrAdd(s.parentId());
      e.parent = parent;
      if (e.traceId != null && e.traceId.equals(parent.traceId)) {
        e.traceId = parent.traceId;
      }
      e.nextSibling = parent.firstChild;
      parent.firstChild = e;
      if (parent.deleted) {
        e.deleted = true;
      }
    }
    if (e.deleted) {
      return;
    }
    visible++;
    byStart.add(e);
    CallEntry first = traces.putIfAbsent(e.traceId, e);
    if (first != null) {
      e.nextInTrace = first.nextInTrace;
      first.nextInTrace = e;
    }
    if (e.parent == null) {
      visibleRoots++;
      roots.add(e);
    }
  }

  private int delete(CallEntry root) {
    int n = 0;
    Deque<CallEntry> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      CallEntry e = todo.pop();
      if (e.deleted) {
        continue;
      }
      boolean wasVisible = e.visible();
      e.deleted = true;
      if (wasVisible) {
        n++;
        visible--;
        byStart.deleted();
        if (e.parent == null) {
          visibleRoots--;
          roots.deleted();
        }
      }
      for (CallEntry c = e.firstChild; c != null; c = c.nextSibling) {
        todo.push(c);
      }
    }
    return n;
  }

  private String shared(String s) {
    return s == null ? null : strings.computeIfAbsent(s, k -> k);
  }

  int size() {
    return visible;
  }

  /** The visible call with this id, or null. */
  CallEntry get(String id) {
    CallEntry e = entries.get(id);
    return e != null && e.visible() ? e : null;
  }

  /** The display name set by a later update: null when none, "" when removed. */
  String displayNameUpdate(CallEntry e) {
    return displayNames.isEmpty() ? null : displayNames.get(e.id());
  }

  /** The display name a call shows now: its update, else its start's; null for none. */
  String displayName(CallEntry e) {
    String update = displayNameUpdate(e);
    String name = update != null ? update : e.displayName;
    return name == null || name.isEmpty() ? null : name;
  }

  /** Root calls, oldest first (valid until the next change). */
  List<CallEntry> rootsOldestFirst() {
    return roots.oldestFirst();
  }

  int rootCount() {
    return visibleRoots;
  }

  /** Oldest first. */
  List<CallEntry> trace(String traceId) {
    List<CallEntry> sorted = new ArrayList<>();
    for (CallEntry e = traces.get(traceId); e != null; e = e.nextInTrace) {
      if (e.visible()) {
        sorted.add(e);
      }
    }
    if (sorted.isEmpty()) {
      return List.of();
    }
    sorted.sort(CallEntry.BY_START);
    return Collections.unmodifiableList(sorted);
  }

  /** Visible direct children, oldest first. */
  List<CallEntry> children(String id) {
    CallEntry e = entries.get(id);
    if (e == null || !e.visible() || e.firstChild == null) {
      return List.of();
    }
    List<CallEntry> kids = new ArrayList<>();
    for (CallEntry c = e.firstChild; c != null; c = c.nextSibling) {
      if (c.visible()) {
        kids.add(c);
      }
    }
    kids.sort(CallEntry.BY_START);
    return kids;
  }

  /**
   * Visible calls' ids starting or ending with {@code part}, in id order (a scan: for the CLI).
   * UUIDv7 ids share their leading timestamp digits, so the random tail is what people copy.
   */
  List<String> idsWithPrefixOrSuffix(String part, int limit) {
    List<String> ids = new ArrayList<>();
    for (CallEntry e : byStart.oldestFirst()) {
      String id = e.id();
      if (id.startsWith(part) || id.endsWith(part)) {
        ids.add(id);
      }
    }
    return first(ids, limit);
  }

  /** Trace ids with a visible call starting or ending with {@code part}, in id order (a scan). */
  List<String> traceIdsWithPrefixOrSuffix(String part, int limit) {
    List<String> ids = new ArrayList<>();
    for (Map.Entry<String, CallEntry> t : traces.entrySet()) {
      String id = t.getKey();
      if ((id.startsWith(part) || id.endsWith(part)) && anyVisible(t.getValue())) {
        ids.add(t.getKey());
      }
    }
    return first(ids, limit);
  }

  private static boolean anyVisible(CallEntry first) {
    for (CallEntry e = first; e != null; e = e.nextInTrace) {
      if (e.visible()) {
        return true;
      }
    }
    return false;
  }

  private static List<String> first(List<String> ids, int limit) {
    Collections.sort(ids);
    return ids.size() > limit ? new ArrayList<>(ids.subList(0, Math.max(0, limit))) : ids;
  }

  /** All visible calls, oldest first (valid until the next change). */
  List<CallEntry> byStart() {
    return byStart.oldestFirst();
  }

  /** All visible calls, oldest first (a copy). */
  List<CallEntry> all() {
    return new ArrayList<>(byStart.oldestFirst());
  }
}
