package dev.weave4j.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The in-memory call index: order, traces, children, deletes and id lookups. */
class CallIndexTest {

  private final CallIndex index = new CallIndex();
  private long offset;

  private void start(String id, String trace, String parent, long micros) {
    index.apply(
        new StoreRecord.Start(id, trace, parent, micros, "op", null, null, null), 0, offset, 10);
    offset += 10;
  }

  private static List<String> ids(List<CallEntry> entries) {
    return entries.stream().map(CallEntry::id).toList();
  }

  private static String uuid(int n) {
    return String.format("%08x-0000-7000-8000-%012x", n, n);
  }

  @Test
  void callsArrivingOutOfOrderAreStillListedByStartTime() {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      order.add(i);
    }
    // mostly in order, a few slightly late, some very late
    Collections.swap(order, 10, 12);
    Collections.swap(order, 100, 160);
    Collections.shuffle(order.subList(300, 500), new Random(7));
    for (int i : order) {
      start(uuid(i), "t" + i, null, 1_000L + i);
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      expected.add(uuid(i));
    }
    assertThat(ids(index.byStart())).isEqualTo(expected);
    assertThat(ids(index.rootsOldestFirst())).isEqualTo(expected);
    start(uuid(1000), "t", null, 5); // the oldest, last
    assertThat(ids(index.byStart()).get(0)).isEqualTo(uuid(1000));
    assertThat(index.size()).isEqualTo(501);
  }

  @Test
  void callsStartingAtTheSameTimeAreOrderedByIdWhateverTheirForm() {
    List<String> ids =
        List.of(uuid(2), "zeta", uuid(1), "Alpha", "0000", uuid(0xabc).toUpperCase());
    for (String id : ids) {
      start(id, "t", null, 42);
    }
    List<String> sorted = new ArrayList<>(ids);
    Collections.sort(sorted);
    assertThat(ids(index.byStart())).isEqualTo(sorted);
    assertThat(index.get(uuid(0xabc))).isNull();
    assertThat(index.get(uuid(0xabc).toUpperCase()).id()).isEqualTo(uuid(0xabc).toUpperCase());
  }

  @Test
  void aTracesCallsAndAParentsChildrenAreFoundOldestFirst() {
    start(uuid(1), "trace-a", null, 10);
    start(uuid(3), "trace-a", uuid(1), 30);
    start(uuid(2), "trace-a", uuid(1), 20);
    start(uuid(4), "trace-b", null, 15);
    assertThat(ids(index.trace("trace-a"))).containsExactly(uuid(1), uuid(2), uuid(3));
    assertThat(ids(index.children(uuid(1)))).containsExactly(uuid(2), uuid(3));
    assertThat(index.get(uuid(2)).parentId()).isEqualTo(uuid(1));
    assertThat(index.trace("nope")).isEmpty();
    assertThat(index.rootCount()).isEqualTo(2);
    assertThat(index.traceIdsWithPrefixOrSuffix("trace-", 10))
        .containsExactly("trace-a", "trace-b");
    assertThat(index.idsWithPrefixOrSuffix("00000002", 10)).containsExactly(uuid(2));
    assertThat(index.idsWithPrefixOrSuffix("0000000", 3))
        .containsExactly(uuid(1), uuid(2), uuid(3));
  }

  @Test
  void aDeleteRemovesTheCallItsDescendantsAndThoseThatStartLater() {
    start(uuid(1), "t", null, 10);
    start(uuid(2), "t", uuid(1), 20);
    start(uuid(9), "u", null, 5);
    int removed = index.apply(new StoreRecord.Delete(List.of(uuid(1))), 0, offset, 10);
    assertThat(removed).isEqualTo(2);
    start(uuid(3), "t", uuid(2), 30); // a grandchild arriving after the delete
    assertThat(ids(index.byStart())).containsExactly(uuid(9));
    assertThat(ids(index.rootsOldestFirst())).containsExactly(uuid(9));
    assertThat(index.size()).isEqualTo(1);
    assertThat(index.rootCount()).isEqualTo(1);
    assertThat(index.trace("t")).isEmpty();
    assertThat(index.traceIdsWithPrefixOrSuffix("", 10)).containsExactly("u");
    assertThat(index.get(uuid(3))).isNull();
  }

  @Test
  void anEndBeforeItsStartAndAReplayedStartKeepTheFirstLines() {
    index.apply(new StoreRecord.End(uuid(1), 99, true), 2, 500, 7);
    start(uuid(1), "t", null, 10);
    index.apply(new StoreRecord.Start(uuid(1), "t", null, 77, "op", null, null, null), 1, 0, 3);
    CallEntry e = index.get(uuid(1));
    assertThat(e.startedMicros).isEqualTo(10);
    assertThat(e.endedMicros).isEqualTo(99);
    assertThat(e.hasException).isTrue();
    assertThat(CallEntry.file(e.endAt)).isEqualTo(2);
    assertThat(CallEntry.offset(e.endAt)).isEqualTo(500);
    assertThat(e.endLength).isEqualTo(7);
  }

  @Test
  void uuidIdsPackAndSortAsTheirStrings() {
    Random r = new Random(1);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String id = new java.util.UUID(r.nextLong(), r.nextLong()).toString();
      assertThat(PackedId.packable(id)).isTrue();
      assertThat(PackedId.text(PackedId.hi(id), PackedId.lo(id))).isEqualTo(id);
      ids.add(id);
      start(id, "t", null, 1);
    }
    Collections.sort(ids);
    assertThat(ids(index.byStart())).isEqualTo(ids);
    assertThat(PackedId.packable(ids.get(0).toUpperCase().replace('-', '_'))).isFalse();
  }
}
