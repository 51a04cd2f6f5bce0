package dev.weave4j.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.internal.store.ProjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve}'s projects: indexed on first use (once, however many requests ask at the same
 * time), closed when idle and indexed again, complete, on the next request; never closed in use.
 */
class ProjectStoresTest {

  private static final long IDLE_MS = 60_000;
  private static final long IDLE_NS = TimeUnit.MILLISECONDS.toNanos(IDLE_MS);

  @TempDir Path dir;
  private final AtomicLong now = new AtomicLong(1_000);

  private ProjectStores stores() {
    return new ProjectStores(dir, IDLE_MS, now::get);
  }

  private static void writeCalls(ProjectStore store, int from, int count) {
    StringBuilder lines = new StringBuilder();
    for (int i = from; i < from + count; i++) {
      String id = TestIds.uuid("c" + i);
      lines
          .append("{\"mode\":\"start\",\"req\":{\"start\":{\"project_id\":\"")
          .append(store.projectId())
          .append("\",\"id\":\"")
          .append(id)
          .append("\",\"trace_id\":\"")
          .append(id)
          .append("\",\"op_name\":\"op\",\"started_at\":\"2025-01-01T00:00:01.000000Z\",")
          .append("\"attributes\":{},\"inputs\":{}}}}\n");
    }
    store.append(lines.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void storeOnDisk(String project, int calls) {
    try (ProjectStores writer = new ProjectStores(dir)) {
      writeCalls(writer.get(project), 0, calls);
    }
  }

  @Test
  void nothingIsIndexedBeforeAProjectsFirstRequest() {
    storeOnDisk("acme/a", 3);
    storeOnDisk("acme/b", 2);
    try (ProjectStores stores = stores()) {
      assertThat(stores.onDisk()).containsExactly("acme/a", "acme/b");
      assertThat(stores.open()).isEmpty();
      assertThat(stores.existing("acme/zzz")).isEmpty();
      assertThat(stores.open()).isEmpty();

      assertThat(stores.forRead("acme/a").orElseThrow().reader().size()).isEqualTo(3);
      assertThat(stores.open()).containsExactly("acme/a");
    }
  }

  @Test
  void concurrentFirstRequestsWaitForOneIndexAndSeeEveryCall() throws Exception {
    storeOnDisk("acme/a", 500);
    ExecutorService threads = Executors.newFixedThreadPool(16);
    try (ProjectStores stores = stores()) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<ProjectStore>> got = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        got.add(
            threads.submit(
                () -> {
                  go.await();
                  try {
                    return stores.get("acme/a");
                  } finally {
                    stores.releaseLeases();
                  }
                }));
      }
      go.countDown();
      ProjectStore first = got.get(0).get(60, TimeUnit.SECONDS);
      for (Future<ProjectStore> f : got) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isSameAs(first);
      }
      assertThat(first.reader().size()).isEqualTo(500);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void anIdleProjectIsClosedAndIndexedAgainCompleteOnItsNextRequest() {
    try (ProjectStores stores = stores()) {
      ProjectStore before = stores.get("acme/a");
      writeCalls(before, 0, 4);
      stores.releaseLeases();

      now.addAndGet(IDLE_NS - 1);
      assertThat(stores.evictIdle()).isEmpty();
      now.addAndGet(1);
      assertThat(stores.evictIdle()).containsExactly("acme/a");
      assertThat(stores.open()).isEmpty();

      ProjectStore after = stores.get("acme/a");
      assertThat(after).isNotSameAs(before);
      assertThat(after.reader().size()).isEqualTo(4);
      writeCalls(after, 4, 1); // written after being reopened, to a new file
      stores.releaseLeases();
    }
    try (ProjectStores again = stores()) {
      assertThat(again.get("acme/a").reader().size()).isEqualTo(5);
    }
  }

  @Test
  void aProjectInUseIsNeverClosedAndItsIdleTimeStartsWhenTheRequestEnds() {
    try (ProjectStores stores = stores()) {
      ProjectStore inUse = stores.get("acme/a");
      now.addAndGet(10 * IDLE_NS); // a long request, e.g. a big stream
      assertThat(stores.evictIdle()).isEmpty();

      stores.releaseLeases();
      now.addAndGet(IDLE_NS / 2);
      assertThat(stores.evictIdle()).isEmpty();
      assertThat(stores.get("acme/a")).isSameAs(inUse);
      stores.releaseLeases();
      now.addAndGet(IDLE_NS);
      assertThat(stores.evictIdle()).containsExactly("acme/a");
    }
  }

  @Test
  void withoutAnIdleTimeProjectsStayOpen() {
    try (ProjectStores stores = new ProjectStores(dir, 0, now::get)) {
      stores.get("acme/a");
      stores.releaseLeases();
      now.addAndGet(1_000 * IDLE_NS);
      assertThat(stores.evictIdle()).isEmpty();
      assertThat(stores.open()).containsExactly("acme/a");
    }
  }
}
