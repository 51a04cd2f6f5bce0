package dev.weave4j.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.WeaveSettings;
import dev.weave4j.internal.remote.TestTraceServer;
import dev.weave4j.internal.store.StoreFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncCommandTest {

  @TempDir Path dir;
  private TestTraceServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = new TestTraceServer();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private List<String> writeStore(int calls) {
    List<String> ids = new ArrayList<>();
    String[] lines = new String[calls * 2];
    for (int i = 0; i < calls; i++) {
      String id = String.format("0193a001-0000-7000-8000-%012d", i);
      ids.add(id);
      lines[2 * i] =
          StoreFixture.start(id, id, null, "Op.run", "2026-11-23T10:00:00.000000Z", "{\"i\":1}");
      lines[2 * i + 1] = StoreFixture.end(id, "2026-11-23T10:00:01.000000Z", "\"ok\"");
    }
    StoreFixture.write(dir.resolve("local").resolve("default"), "run-1.jsonl", lines);
    return ids;
  }

  private CliFixture.Result sync() {
    return CliFixture.runRaw(
        () -> WeaveSettings.builder().apiKey("k-sync").build(),
        "sync",
        "--dir",
        dir.toString(),
        "--project",
        "acme/chat",
        "--server",
        server.url());
  }

  @Test
  void syncUploadsALocalStoreToTheTargetProjectOnce() {
    List<String> ids = writeStore(1_500);

    CliFixture.Result first = sync();
    CliFixture.Result second = sync();

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("synced 3000 records").contains("acme/chat");
    assertThat(first.err()).contains("weave4j: sync: 3000 records sent, 100%");
    assertThat(server.starts.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(server.starts.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
    assertThat(server.ends.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
    assertThat(server.schemaErrors).isEmpty();
    assertThat(second.exitCode()).isZero();
    assertThat(second.out()).contains("synced 0 records");
  }

  @Test
  void anInterruptedSyncResumesWithoutSendingAnythingTwice() {
    List<String> ids = writeStore(1_500);
    AtomicInteger upserts = new AtomicInteger();
    server.fault =
        (path, n, body) ->
            path.equals("/call/upsert_batch") && upserts.incrementAndGet() > 1
                ? TestTraceServer.Reply.of(503, "{\"detail\":\"down\"}")
                : null;

    CliFixture.Result interrupted = sync();
    server.fault = null;
    CliFixture.Result resumed = sync();

    assertThat(interrupted.exitCode()).isEqualTo(1);
    assertThat(interrupted.err()).contains("run the same command again to resume");
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(server.starts.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(server.starts.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
    assertThat(server.ends.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
  }

  @Test
  void syncOfASpoolFolderDeletesWhatWasSent() throws IOException {
    Path spool = dir.resolve("spool").resolve("acme").resolve("chat");
    String id = "0193a001-0000-7000-8000-000000000001";
    StoreFixture.write(
        spool,
        "20261123T100000-2147483000-0.jsonl",
        StoreFixture.start(id, id, null, "Op.run", "2026-11-23T10:00:00.000000Z", "{}")
            .replace("local/default", "acme/chat"));

    CliFixture.Result r =
        CliFixture.runRaw(
            () -> WeaveSettings.builder().apiKey("k").build(),
            "sync",
            "--dir",
            spool.toString(),
            "--server",
            server.url());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(server.starts).containsKey(id);
    try (var files = Files.list(spool)) {
      assertThat(files.filter(p -> p.toString().endsWith(".jsonl"))).isEmpty();
    }
  }

  @Test
  void aStoreWithNothingLeftToSendIsSuccessAndAMissingFolderIsAnError() throws IOException {
    Files.createDirectories(dir);

    CliFixture.Result nothing = sync();

    assertThat(nothing.exitCode()).as(nothing.err()).isZero();
    assertThat(nothing.out()).contains("nothing to upload");
    CliFixture.Result missing =
        CliFixture.runRaw(
            () -> WeaveSettings.builder().apiKey("k-sync").build(),
            "sync",
            "--dir",
            dir.resolve("no-such-folder").toString(),
            "--project",
            "acme/chat",
            "--server",
            server.url());
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.err()).contains("no local store or spool");
  }

  @Test
  void aFolderNamedLikeAStoreFileAndALinkOutOfTheStoreAreSkippedWithAMessage() throws IOException {
    List<String> ids = writeStore(3);
    Path project = dir.resolve("local").resolve("default");
    Files.createDirectories(project.resolve("odd.jsonl"));
    Path outside = dir.resolveSibling(dir.getFileName() + "-outside.jsonl");
    String foreign = "0193a001-0000-7000-8000-999999999999";
    Files.writeString(
        outside,
        StoreFixture.start(foreign, foreign, null, "Op.run", "2026-11-23T10:00:00Z", "{}") + "\n");
    Files.createSymbolicLink(project.resolve("link.jsonl"), outside);
    try {
      CliFixture.Result r = sync();

      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.err())
          .contains("skipping " + project.resolve("link.jsonl") + " (a symbolic link)")
          .contains("skipping " + project.resolve("odd.jsonl") + " (not a regular file)");
      assertThat(server.starts.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    } finally {
      Files.deleteIfExists(outside);
    }
  }
}
