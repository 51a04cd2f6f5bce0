package dev.weave4j.it.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.weave4j.it.harness.ServeProcess;
import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The viewer page of a real {@code serve} process, rendered by a real headless Chromium: call
 * fields that carry markup (as an older agent or a hand-edited store could have written them; the
 * API now refuses such ids) are shown as text, and none of it runs.
 *
 * <p>Needs {@code chromium} on the PATH ({@code apt-get install chromium}); without it the test is
 * skipped, unless {@code WEAVE4J_IT_BROWSER=required} (as {@code .ci/run} sets it), then it fails.
 */
class ServeViewerIT {

  private static final String PWN = "document.body.setAttribute('data-pwned',";
  private static final String HOSTILE_ID = "x'><img src=x onerror=" + PWN + "1)>";

  private static String start(String id, String op, String name) {
    return "{\"mode\":\"start\",\"req\":{\"start\":{\"project_id\":\"e/p\",\"id\":\""
        + id
        + "\",\"trace_id\":\"t1\",\"op_name\":\""
        + op
        + "\",\"display_name\":\""
        + name
        + "\",\"started_at\":\"2025-01-01T00:00:01Z\",\"attributes\":{},\"inputs\":{}"
        + (id.equals(HOSTILE_ID) ? "" : ",\"parent_id\":\"" + HOSTILE_ID + "\"")
        + "}}}\n";
  }

  @Test
  void markupInStoredCallsIsShownAsTextAndNeverRuns() throws Exception {
    Path browser = browser().orElse(null);
    if (browser == null) {
      if ("required".equals(System.getenv("WEAVE4J_IT_BROWSER"))) {
        fail("chromium is not on the PATH (apt-get install chromium)");
      }
      Assumptions.abort("chromium is not on the PATH: the viewer is not rendered");
    }
    try (ServeProcess s = ServeProcess.start()) {
      Path project = s.storeDir().resolve("e").resolve("p");
      Files.createDirectories(project);
      Files.writeString(
          project.resolve("20250101T000000-1.jsonl"),
          start(HOSTILE_ID, "<img src=x onerror=" + PWN + "2)>", "<b id=injected>bold</b>")
              + start(
                  "00000000-0000-7000-8000-000000000002",
                  "child\\\" onmouseover=\\\"" + PWN + "3)",
                  "<script>" + PWN + "4)</script>"));
      String url =
          s.url()
              + "/#/e/p/call/"
              + URLEncoder.encode(HOSTILE_ID, StandardCharsets.UTF_8).replace("+", "%20");
      String dom = render(browser, s.workDir(), url);

      assertThat(dom).as("the page ran its script and rendered the calls").contains("<li>");
      assertThat(dom)
          .contains("&lt;img src=x onerror=" + PWN + "2)&gt;")
          .contains("&lt;b id=injected&gt;bold&lt;/b&gt;")
          .contains("&lt;script&gt;" + PWN + "4)&lt;/script&gt;");
      assertThat(dom.split("<script", -1)).as("only the page's own script").hasSize(2);
      String markup = dom.replaceAll("(?s)<script>.*?</script>", "");
      assertThat(markup).doesNotContain("data-pwned=\"", "<img", "<b ");
      assertThat(markup)
          .as("no element got an event handler")
          .doesNotContainPattern("<[a-z]+[^>]*\\son[a-z]+=");
    }
  }

  private static String render(Path browser, Path workDir, String url)
      throws IOException, InterruptedException {
    Path out = workDir.resolve("dom.html");
    Process p =
        new ProcessBuilder(
                List.of(
                    browser.toString(),
                    "--headless",
                    "--no-sandbox", // CI runs as root
                    "--disable-gpu",
                    "--user-data-dir=" + workDir.resolve("chromium-profile"),
                    "--virtual-time-budget=15000",
                    "--dump-dom",
                    url))
            .redirectOutput(out.toFile())
            .redirectError(workDir.resolve("chromium-stderr.txt").toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish within 120 s");
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static Optional<Path> browser() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .flatMap(
            dir ->
                Stream.of("chromium", "chromium-browser", "google-chrome")
                    .map(name -> Path.of(dir, name)))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
