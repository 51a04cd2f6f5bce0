package dev.weave4j.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class StoreFilesWriterTest {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  private static Path file(LocalDateTime at, long pid) {
    return Path.of("store", TIME.format(at) + "-" + pid + ".jsonl");
  }

  @Test
  void thisProcessIsNotGone() {
    assertThat(StoreFiles.writerGone(StoreFiles.newFile(Path.of("store"), null))).isFalse();
  }

  @Test
  void aProcessThatExitedIsGone() throws Exception {
    Process p = new ProcessBuilder("true").start();
    long pid = p.pid();
    p.waitFor();
    assertThat(StoreFiles.writerGone(file(LocalDateTime.now(ZoneOffset.UTC), pid))).isTrue();
  }

  @Test
  void aLiveProcessStartedAfterTheFileIsAnotherOneWithTheSamePid() throws Exception {
    Process p = new ProcessBuilder("sleep", "30").start();
    try {
      LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
      assertThat(StoreFiles.writerGone(file(now, p.pid()))).isFalse();
      assertThat(StoreFiles.writerGone(file(now.minusHours(1), p.pid()))).isTrue();
    } finally {
      p.destroyForcibly().waitFor();
    }
  }

  @Test
  void namesNotMadeByTheStoreAreNotJudged() {
    assertThat(StoreFiles.writerGone(Path.of("store", "calls.jsonl"))).isFalse();
  }
}
