package dev.weave4j.internal.store;

/**
 * Calls by id: an open-addressing table of the entries themselves (linear probing), so an id costs
 * one array slot rather than a hash map node and a key string. Entries are never removed (a deleted
 * call stays, marked). Not thread-safe.
 */
final class EntryTable {

  private CallEntry[] slots = new CallEntry[1024];
  private int size;

  /** The entry with this id, or null. */
  CallEntry get(String id) {
    boolean packed = PackedId.packable(id);
    long hi = packed ? PackedId.hi(id) : 0;
    long lo = packed ? PackedId.lo(id) : 0;
    String text = packed ? null : id;
    int mask = slots.length - 1;
    for (int i = spread(packed ? CallEntry.hash(hi, lo) : id.hashCode()) & mask;
        ;
        i = (i + 1) & mask) {
      CallEntry e = slots[i];
      if (e == null || e.hasId(text, hi, lo)) {
        return e;
      }
    }
  }

  /** The entry with this id, added when there is none. */
  CallEntry getOrAdd(String id) {
    CallEntry e = get(id);
    if (e == null) {
      e = new CallEntry(id);
      if (++size * 4 > slots.length * 3) {
        grow();
      }
      put(slots, e);
    }
    return e;
  }

  private void grow() {
    CallEntry[] bigger = new CallEntry[slots.length * 2];
    for (CallEntry e : slots) {
      if (e != null) {
        put(bigger, e);
      }
    }
    slots = bigger;
  }

  private static void put(CallEntry[] table, CallEntry e) {
    int mask = table.length - 1;
    int i = spread(e.idHash()) & mask;
    while (table[i] != null) {
      i = (i + 1) & mask;
    }
    table[i] = e;
  }

  private static int spread(int h) {
    return (h ^ (h >>> 16)) * 0x45d9f3b;
  }
}
