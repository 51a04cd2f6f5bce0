package dev.weave4j.internal.store;

import java.util.Arrays;

/**
 * Calls by id: the entries in an append-only list of chunks, found through an open-addressing table
 * of their numbers (linear probing). An id costs an int slot rather than a hash map node and a key
 * string, and adding a call writes no reference into a random place of a large, old array, which
 * the garbage collector would have to track (card marking and refinement). Entries are never
 * removed (a deleted call stays, marked). Not thread-safe.
 */
final class EntryTable {

  private static final int CHUNK_BITS = 12;
  private static final int CHUNK = 1 << CHUNK_BITS;

  private CallEntry[][] chunks = new CallEntry[16][];
  private int size;

  /** Entry number + 1 per slot; 0 for an empty slot. */
  private int[] slots = new int[1024];

  /** The entry with this id, or null. */
  CallEntry get(String id) {
    return find(id, false);
  }

  /** The entry with this id, added when there is none. */
  CallEntry getOrAdd(String id) {
    return find(id, true);
  }

  private CallEntry find(String id, boolean add) {
    boolean packed = PackedId.packable(id);
    long hi = packed ? PackedId.hi(id) : 0;
    long lo = packed ? PackedId.lo(id) : 0;
    String text = packed ? null : id;
    int mask = slots.length - 1;
    int i = spread(packed ? CallEntry.hash(hi, lo) : id.hashCode()) & mask;
    for (int s; (s = slots[i]) != 0; i = (i + 1) & mask) {
      CallEntry e = entry(s - 1);
      if (e.hasId(text, hi, lo)) {
        return e;
      }
    }
    if (!add) {
      return null;
    }
    CallEntry e = new CallEntry(id);
    append(e);
    slots[i] = size;
    if (size * 4 > slots.length * 3) {
      rehash();
    }
    return e;
  }

  private CallEntry entry(int n) {
    return chunks[n >>> CHUNK_BITS][n & (CHUNK - 1)];
  }

  private void append(CallEntry e) {
    int c = size >>> CHUNK_BITS;
    if (c == chunks.length) {
      chunks = Arrays.copyOf(chunks, c * 2);
    }
    if (chunks[c] == null) {
      chunks[c] = new CallEntry[CHUNK];
    }
    chunks[c][size & (CHUNK - 1)] = e;
    size++;
  }

  private void rehash() {
    int[] bigger = new int[slots.length * 2];
    int mask = bigger.length - 1;
    for (int n = 0; n < size; n++) {
      int i = spread(entry(n).idHash()) & mask;
      while (bigger[i] != 0) {
        i = (i + 1) & mask;
      }
      bigger[i] = n + 1;
    }
    slots = bigger;
  }

  private static int spread(int h) {
    return (h ^ (h >>> 16)) * 0x45d9f3b;
  }
}
