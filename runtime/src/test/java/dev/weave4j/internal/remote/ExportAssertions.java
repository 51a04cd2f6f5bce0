package dev.weave4j.internal.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** What the remote exporter tests check of deliveries and of the spool. */
final class ExportAssertions {

  private ExportAssertions() {}

  /** Every id of {@code ids} arrived, and each exactly once. */
  static void assertExactlyOnce(Map<String, AtomicInteger> seen, List<String> ids) {
    assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(seen.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
  }

  /** The lines spooled for project acme/chat under {@code localDir}, file by file in order. */
  static List<String> spoolLines(Path localDir) throws IOException {
    Path dir = ServerConfig.spoolDir(localDir, "acme", "chat");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        lines.addAll(Files.readAllLines(f));
      }
    }
    return lines;
  }
}
