package dev.weave4j.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.weave4j.it.apps.DiskTroubleApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.RecordIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The disk changing under a running app: its local store or spool folder deleted, the disk full
 * then freed. What is written afterwards is not lost, and no record is glued onto a torn line.
 */
class DiskTroubleIT {

  private static final int CALLS = 500;

  private static AgentJvm app(String action, Path target) {
    return AgentJvm.app(DiskTroubleApp.class, action, target.toString(), Integer.toString(CALLS))
        .withTimeout(Duration.ofMinutes(2));
  }

  /** A fresh local dir for a run, made before it starts (the app is told what to delete). */
  private static Path newLocalDir() {
    try {
      return Files.createTempDirectory(
              Path.of(System.getProperty("user.dir"), "target", "it-runs"), "disk-")
          .toRealPath()
          .resolve(".weave");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertAfterCallsAllWhole(RecordIndex index, JvmRun run) {
    assertThat(index.starts("After.step")).as("%s\n%s", index, run.describe()).isEqualTo(CALLS);
    assertThat(index.startsWithoutEnd()).as(index.toString()).isEmpty();
    assertThat(index.endsWithoutStart()).as(index.toString()).isEmpty();
    assertThat(index.orphans()).as(index.toString()).isEmpty();
  }

  @Test
  void aLocalStoreDeletedWhileTheAppRunsIsStartedAgainAndLosesNothingAfterwards() {
    Path localDir = newLocalDir();
    JvmRun run = app("delete", localDir).withSysProp("weave.local_dir", localDir.toString()).run();

    run.assertSuccess();
    assertThat(run.stdout()).contains("done " + CALLS);
    RecordIndex store = RecordIndex.of(localDir.resolve("local").resolve(AgentJvm.PROJECT));
    assertAfterCallsAllWhole(store, run);
    assertThat(store.starts("Before.step")).isZero(); // deleted by the app
    assertThat(run.stderr()).contains("was deleted while the application ran");
  }

  @Test
  void aSpoolDeletedWhileTheServerIsDownIsStartedAgainAndKeepsWhatFollows() {
    Path localDir = newLocalDir();
    Path spool = localDir.resolve("spool");
    JvmRun run =
        app("delete", spool)
            .withSysProp("weave.local_dir", localDir.toString())
            .withSysProp("weave.project", "acme/disk")
            .withSysProp("weave.server_url", deadUrl())
            .withEnv("WANDB_API_KEY", "it-key")
            .run();

    run.assertSuccess();
    assertThat(run.stdout()).as(run.describe()).contains("done " + CALLS);
    RecordIndex spooled = RecordIndex.of(spool.resolve("acme").resolve("disk"));
    assertAfterCallsAllWhole(spooled, run);
    assertThat(run.stderr()).contains("kept in " + spool.resolve("acme").resolve("disk"));
  }

  @Test
  void afterTheDiskFillsUpAndSpaceComesBackRecordsStartOnANewLine() throws Exception {
    Path mount = newLocalDir().getParent().resolve("tmpfs");
    Files.createDirectories(mount);
    assumeThat(run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.toString()))
        .as("mounting a small tmpfs (needs root)")
        .isZero();
    try {
      Path filler = mount.resolve("filler");
      // leave about 24 KB: the first records fit, then the disk is full
      long free = Files.getFileStore(mount).getUsableSpace();
      Files.write(filler, new byte[(int) Math.max(0, free - 24 * 1024)]);
      Path localDir = mount.resolve(".weave");

      JvmRun run = app("free", filler).withSysProp("weave.local_dir", localDir.toString()).run();

      run.assertSuccess();
      assertThat(run.stderr()).as(run.describe()).contains("trace records lost: export failed");
      Path project = localDir.resolve("local").resolve(AgentJvm.PROJECT);
      RecordIndex store = RecordIndex.of(project);
      assertThat(store.starts("After.step")).as("%s\n%s", store, run.describe()).isEqualTo(CALLS);
      assertThat(store.endsWithoutStart()).as(store.toString()).isEmpty();
      // a torn line may stay (the write that failed), but no record was glued onto it
      try (Stream<Path> files = Files.list(project)) {
        for (Path f : files.toList()) {
          for (String line : Files.readAllLines(f)) {
            assertThat(line.indexOf("{\"mode\":", 1)).as("line of %s: %s", f, line).isEqualTo(-1);
          }
        }
      }
    } finally {
      run("umount", mount.toString());
    }
  }

  private static int run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  /** A URL on which nothing listens (connections are refused). */
  private static String deadUrl() {
    try (ServerSocket probe = new ServerSocket(0)) {
      return "http://127.0.0.1:" + probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
