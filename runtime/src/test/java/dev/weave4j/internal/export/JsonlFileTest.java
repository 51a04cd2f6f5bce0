package dev.weave4j.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlFileTest {

  @TempDir Path tmp;

  private static byte[] line(String s) {
    return (s + "\n").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aFileDeletedWithItsFolderIsStartedAgainAndKeepsWhatFollows() throws Exception {
    Path dir = tmp.resolve("store");
    AtomicInteger n = new AtomicInteger();
    JsonlFile file = new JsonlFile(() -> dir.resolve("f" + n.incrementAndGet() + ".jsonl"));
    file.append(line("{\"a\":1}"), 8);
    Path first = file.file();
    Files.delete(first);
    Files.delete(dir);

    file.append(line("{\"b\":2}"), 8);

    assertThat(file.file()).isNotEqualTo(first);
    assertThat(Files.readAllLines(file.file())).containsExactly("{\"b\":2}");
    file.close();
  }
}
