package dev.weave4j.internal.store;

import java.util.Comparator;

/**
 * One call of the {@link CallIndex}, in one compact object: its id (packed when it is a UUID), the
 * fields queries filter and sort on most, where its start and end lines are (file and offset packed
 * into a long), and the links that put it in its parent's children and its trace's calls, so the
 * index needs no list or location object per call.
 */
final class CallEntry {

  /** Oldest first, ties by id. */
  static final Comparator<CallEntry> BY_START =
      (a, b) -> {
        int c = Long.compare(a.startedMicros, b.startedMicros);
        return c != 0 ? c : compareIds(a, b);
      };

  private static final int OFFSET_BITS = 44; // 16 TB per file, 2^20 files
  private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;

  private final long idHi;
  private final long idLo;

  /** The id when it is not a packable UUID, else null. */
  private final String idText;

  String traceId;
  CallEntry parent;
  String opName;
  String displayName;
  String threadId;
  String turnId;
  long startedMicros;
  long endedMicros = -1;
  long startAt;
  long endAt;

  /** Length of the start line; 0 until the start is read. */
  int startLength;

  /** Length of the end line; 0 until the end is read. */
  int endLength;

  boolean hasException;
  boolean deleted;
  CallEntry firstChild;
  CallEntry nextSibling;
  CallEntry nextInTrace;

  CallEntry(String id) {
    if (PackedId.packable(id)) {
      idHi = PackedId.hi(id);
      idLo = PackedId.lo(id);
      idText = null;
    } else {
      idHi = 0;
      idLo = 0;
      idText = id;
    }
  }

  /** The id (a new string for a packed one). */
  String id() {
    return idText != null ? idText : PackedId.text(idHi, idLo);
  }

  String parentId() {
    return parent == null ? null : parent.id();
  }

  boolean started() {
    return startLength > 0;
  }

  boolean ended() {
    return endLength > 0;
  }

  boolean visible() {
    return startLength > 0 && !deleted;
  }

  /** Whether this entry's id is {@code id}, given as packed longs or as text (not both). */
  boolean hasId(String text, long hi, long lo) {
    return text == null ? idText == null && idHi == hi && idLo == lo : text.equals(idText);
  }

  int idHash() {
    return idText != null ? idText.hashCode() : hash(idHi, idLo);
  }

  static int hash(long hi, long lo) {
    long h = hi * 0x9E3779B97F4A7C15L + lo;
    return (int) (h ^ (h >>> 32));
  }

  static int compareIds(CallEntry a, CallEntry b) {
    if (a.idText == null && b.idText == null) {
      int c = Long.compareUnsigned(a.idHi, b.idHi);
      return c != 0 ? c : Long.compareUnsigned(a.idLo, b.idLo);
    }
    return a.id().compareTo(b.id());
  }

  /** A line's file number and offset in one long. */
  static long at(int file, long offset) {
    if (file < 0 || file >= 1 << (64 - OFFSET_BITS) || offset < 0 || offset > OFFSET_MASK) {
      throw new IllegalStateException("store too large to index: file " + file + " at " + offset);
    }
    return ((long) file << OFFSET_BITS) | offset;
  }

  static int file(long at) {
    return (int) (at >>> OFFSET_BITS);
  }

  static long offset(long at) {
    return at & OFFSET_MASK;
  }
}
