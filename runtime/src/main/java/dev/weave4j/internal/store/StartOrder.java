package dev.weave4j.internal.store;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * Visible calls by start time, as an array rather than a tree: calls arrive almost in start order,
 * so one is appended, or moved a few places back, at the cost of a comparison or two; one that
 * arrives far out of order marks the array unsorted, and it is sorted once, when next read. Deleted
 * calls are dropped when next read too. Not thread-safe.
 */
final class StartOrder {

  /** How far back an out-of-order call is moved in place before the array is left to be sorted. */
  private static final int NEAR = 64;

  private CallEntry[] items = new CallEntry[16];
  private int size;
  private boolean sorted = true;
  private boolean dropped;

  void add(CallEntry e) {
    if (size == items.length) {
      items = Arrays.copyOf(items, size + (size >> 1));
    }
    if (!sorted || size == 0 || CallEntry.BY_START.compare(items[size - 1], e) <= 0) {
      items[size++] = e;
      return;
    }
    int floor = Math.max(0, size - NEAR);
    if (CallEntry.BY_START.compare(items[floor], e) > 0) {
      items[size++] = e;
      sorted = false;
      return;
    }
    int at = size - 1;
    while (CallEntry.BY_START.compare(items[at - 1], e) > 0) {
      at--;
    }
    System.arraycopy(items, at, items, at + 1, size - at);
    items[at] = e;
    size++;
  }

  /** Notes that some calls were deleted: they are dropped on the next read. */
  void deleted() {
    dropped = true;
  }

  /** The visible calls, oldest first (valid until the next change of the index). */
  List<CallEntry> oldestFirst() {
    if (dropped) {
      int n = 0;
      for (int i = 0; i < size; i++) {
        if (items[i].visible()) {
          items[n++] = items[i];
        }
      }
      Arrays.fill(items, n, size, null);
      size = n;
      dropped = false;
    }
    if (!sorted) {
      Arrays.sort(items, 0, size, CallEntry.BY_START);
      sorted = true;
    }
    return new View(items, size);
  }

  /** A read-only view of the first {@code size} items. */
  private static final class View extends AbstractList<CallEntry> implements RandomAccess {
    private final CallEntry[] items;
    private final int size;

    View(CallEntry[] items, int size) {
      this.items = items;
      this.size = size;
    }

    @Override
    public CallEntry get(int i) {
      if (i >= size) {
        throw new IndexOutOfBoundsException(i);
      }
      return items[i];
    }

    @Override
    public int size() {
      return size;
    }
  }
}
