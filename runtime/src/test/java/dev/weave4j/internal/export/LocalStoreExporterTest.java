package dev.weave4j.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreExporterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path root;

  private final ByteArrayOutputStream links = new ByteArrayOutputStream();
  private final PrintStream linkOut = new PrintStream(links, true, StandardCharsets.UTF_8);

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  void projectDirectoryIsCreatedAndFileNamedByTimeAndPid() throws IOException {
    Path projectDir = root.resolve("local_dir/acme/chat");
    LocalStoreExporter exporter = new LocalStoreExporter(projectDir, null, linkOut);

    exporter.export(List.of(TestRecords.start("a")));
    exporter.close();

    List<Path> files = files(projectDir);
    assertThat(files).hasSize(1);
    assertThat(files.get(0).getFileName().toString())
        .matches("\\d{8}T\\d{6}-" + ProcessHandle.current().pid() + "\\.jsonl");
  }

  @Test
  void batchesAreAppendedAsWholeLines() throws IOException {
    Path projectDir = root.resolve("p");
    LocalStoreExporter exporter = new LocalStoreExporter(projectDir, null, linkOut);

    exporter.export(List.of(TestRecords.start("a"), TestRecords.start("b", "a", false)));
    exporter.export(List.of(TestRecords.end("b")));
    exporter.export(List.of(TestRecords.end("a")));
    exporter.flush();
    exporter.close();

    Path file = files(projectDir).get(0);
    String content = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(content).endsWith("\n");
    List<String> lines = content.lines().toList();
    assertThat(lines).hasSize(4);
    List<String> modeAndId =
        lines.stream()
            .map(
                l -> {
                  try {
                    var item = MAPPER.readTree(l);
                    String mode = item.get("mode").asText();
                    return mode + ":" + item.at("/req/" + mode + "/id").asText();
                  } catch (IOException e) {
                    throw new AssertionError("not a JSON line: " + l, e);
                  }
                })
            .toList();
    assertThat(modeAndId).containsExactly("start:a", "start:b", "end:b", "end:a");
  }

  @Test
  void linksArePrintedOnlyForRootStarts() {
    LocalStoreExporter exporter =
        new LocalStoreExporter(root.resolve("p"), id -> "view at http://ui/" + id, linkOut);

    exporter.export(
        List.of(
            TestRecords.start("root", null, true),
            TestRecords.start("child", "root", false),
            TestRecords.end("child"),
            TestRecords.end("root")));
    exporter.close();

    assertThat(links.toString(StandardCharsets.UTF_8).lines())
        .containsExactly("view at http://ui/root");
  }

  @Test
  void noLinksArePrintedWithoutLinkFunction() {
    LocalStoreExporter exporter = new LocalStoreExporter(root.resolve("p"), null, linkOut);

    exporter.export(List.of(TestRecords.start("root", null, true)));
    exporter.close();

    assertThat(links.size()).isZero();
  }

  @Test
  void unwritableStoreIsCountedNotThrown() throws IOException {
    Path notADirectory = Files.writeString(root.resolve("file"), "x");
    LocalStoreExporter exporter =
        new LocalStoreExporter(notADirectory.resolve("p"), id -> "link " + id, linkOut);
    long failedBefore = Diagnostics.count(Problem.EXPORT_FAILED);

    exporter.export(List.of(TestRecords.start("a", null, true), TestRecords.end("a")));
    exporter.close();

    assertThat(Diagnostics.count(Problem.EXPORT_FAILED) - failedBefore).isEqualTo(2);
    assertThat(links.size()).isZero();
  }

  @Test
  void closeWithoutExportCreatesNothing() {
    Path projectDir = root.resolve("never");
    LocalStoreExporter exporter = new LocalStoreExporter(projectDir, null, linkOut);

    exporter.close();

    assertThat(projectDir).doesNotExist();
  }
}
