package dev.weave4j.internal.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The calls of a store, as small entries pointing at their start and end lines, plus display-name
 * updates and deletes. Records may arrive in any order and from any file: updates and deletes are
 * kept aside and applied to whatever calls are known when {@link #rebuild()} computes the visible
 * view. Not thread-safe; {@link LocalStoreReader} guards it.
 */
final class CallIndex {

  /** One call: ids, start time and where its start and end lines are. */
  static final class Entry {
    final String id;
    String traceId;
    String parentId;
    long startedMicros;
    LineLocation start;
    LineLocation end;

    Entry(String id) {
      this.id = id;
    }
  }

  /** Oldest first, ties by id. */
  static final Comparator<Entry> BY_START =
      Comparator.<Entry>comparingLong(e -> e.startedMicros).thenComparing(e -> e.id);

  private final Map<String, Entry> entries = new HashMap<>();
  private final Map<String, String> traceIds = new HashMap<>();
  private final Map<String, String> displayNames = new HashMap<>();
  private final Set<String> deleteRequests = new HashSet<>();

  private NavigableMap<String, Entry> visible = new TreeMap<>();
  private NavigableMap<String, List<Entry>> byTrace = new TreeMap<>();
  private Map<String, List<Entry>> children = Map.of();
  private List<Entry> rootsNewestFirst = List.of();

  void apply(StoreRecord record, LineLocation where) {
    if (record instanceof StoreRecord.Start s) {
      Entry e = entries.computeIfAbsent(s.id(), Entry::new);
      // share one String per trace id and per parent id: most of the index is ids
      e.traceId = traceIds.computeIfAbsent(s.traceId(), t -> t);
      Entry parent = s.parentId() == null ? null : entries.get(s.parentId());
      e.parentId = parent != null ? parent.id : s.parentId();
      e.startedMicros = s.startedMicros();
      e.start = where;
    } else if (record instanceof StoreRecord.End end) {
      entries.computeIfAbsent(end.id(), Entry::new).end = where;
    } else if (record instanceof StoreRecord.DisplayNameUpdate u) {
      displayNames.put(u.callId(), u.displayName() == null ? "" : u.displayName());
    } else if (record instanceof StoreRecord.Delete d) {
      deleteRequests.addAll(d.callIds());
    }
  }

  /** Recomputes the visible calls: started, not deleted, not below a deleted call. */
  void rebuild() {
    Map<String, List<Entry>> kids = new HashMap<>();
    for (Entry e : entries.values()) {
      if (e.start != null && e.parentId != null) {
        kids.computeIfAbsent(e.parentId, k -> new ArrayList<>()).add(e);
      }
    }
    Set<String> deleted = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(deleteRequests);
    while (!todo.isEmpty()) {
      String id = todo.pop();
      if (deleted.add(id)) {
        for (Entry child : kids.getOrDefault(id, List.of())) {
          todo.push(child.id);
        }
      }
    }
    NavigableMap<String, Entry> vis = new TreeMap<>();
    NavigableMap<String, List<Entry>> traces = new TreeMap<>();
    List<Entry> roots = new ArrayList<>();
    for (Entry e : entries.values()) {
      if (e.start != null && !deleted.contains(e.id)) {
        vis.put(e.id, e);
        traces.computeIfAbsent(e.traceId, k -> new ArrayList<>()).add(e);
        if (e.parentId == null) {
          roots.add(e);
        }
      }
    }
    Map<String, List<Entry>> visibleKids = new HashMap<>();
    for (Map.Entry<String, List<Entry>> k : kids.entrySet()) {
      if (vis.containsKey(k.getKey())) {
        List<Entry> list = new ArrayList<>();
        for (Entry child : k.getValue()) {
          if (vis.containsKey(child.id)) {
            list.add(child);
          }
        }
        list.sort(BY_START);
        visibleKids.put(k.getKey(), Collections.unmodifiableList(list));
      }
    }
    for (Map.Entry<String, List<Entry>> t : traces.entrySet()) {
      t.getValue().sort(BY_START);
      t.setValue(Collections.unmodifiableList(t.getValue()));
    }
    roots.sort(BY_START.reversed());
    this.visible = vis;
    this.byTrace = traces;
    this.children = visibleKids;
    this.rootsNewestFirst = Collections.unmodifiableList(roots);
  }

  int size() {
    return visible.size();
  }

  Entry get(String id) {
    return visible.get(id);
  }

  /** The display name set by a later update: null when none, "" when removed. */
  String displayNameUpdate(String id) {
    return displayNames.get(id);
  }

  List<Entry> roots() {
    return rootsNewestFirst;
  }

  /** Oldest first. */
  List<Entry> trace(String traceId) {
    return byTrace.getOrDefault(traceId, List.of());
  }

  /** Oldest first. */
  List<Entry> children(String id) {
    return children.getOrDefault(id, List.of());
  }

  List<String> idsWithPrefix(String prefix, int limit) {
    return withPrefix(visible, prefix, limit);
  }

  List<String> traceIdsWithPrefix(String prefix, int limit) {
    return withPrefix(byTrace, prefix, limit);
  }

  /** All visible calls, oldest first. */
  List<Entry> all() {
    List<Entry> all = new ArrayList<>(visible.values());
    all.sort(BY_START);
    return all;
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
