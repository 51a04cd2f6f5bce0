package dev.weave4j.it.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.harness.Browser;
import dev.weave4j.it.harness.ServeProcess;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The viewer of a real {@code serve} process, rendered by a real headless Chromium: call fields
 * that carry markup (as an older agent or a hand-edited store could have written them; the API now
 * refuses such ids) are shown as text, on the Calls page and the Call page, and none of it runs.
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
    try (ServeProcess s = ServeProcess.start();
        Browser browser = Browser.start(s.workDir())) {
      Path project = s.storeDir().resolve("e").resolve("p");
      Files.createDirectories(project);
      Files.writeString(
          project.resolve("20250101T000000-1.jsonl"),
          start(HOSTILE_ID, "<img src=x onerror=" + PWN + "2)>", "<b id=injected>bold</b>")
              + start(
                  "00000000-0000-7000-8000-000000000002",
                  "child\\\" onmouseover=\\\"" + PWN + "3)",
                  "<script>" + PWN + "4)</script>"));

      browser.open(s.url() + "/#/e/p/calls?all=1");
      browser.waitFor(
          "both calls listed",
          d -> browser.texts("table.calls tbody tr[data-id]").size() == 2 ? true : null);
      assertThat(browser.texts("table.calls td[data-col=op]"))
          .containsExactlyInAnyOrder(
              "<img src=x onerror=" + PWN + "2)>", "child\" onmouseover=\"" + PWN + "3)");
      assertThat(browser.texts("table.calls td[data-col=name]"))
          .containsExactlyInAnyOrder("<b id=injected>bold</b>", "<script>" + PWN + "4)</script>");
      assertNothingRan(browser);

      browser.open(
          s.url()
              + "/#/e/p/call/"
              + URLEncoder.encode(HOSTILE_ID, StandardCharsets.UTF_8).replace("+", "%20"));
      browser.waitForTexts(".details .op-name", List.of("<img src=x onerror=" + PWN + "2)>"));
      browser.waitForTexts(
          ".tree-row .dn", List.of("<b id=injected>bold</b>", "<script>" + PWN + "4)</script>"));
      assertThat(browser.find(".details").getText()).contains(HOSTILE_ID);
      assertNothingRan(browser);
    }
  }

  private static void assertNothingRan(Browser browser) {
    assertThat(browser.driver().findElements(By.cssSelector("img, b#injected, main script")))
        .isEmpty();
    assertThat(browser.find("body").getAttribute("data-pwned")).isNull();
    Object handlers =
        ((JavascriptExecutor) browser.driver())
            .executeScript(
                "return [...document.querySelectorAll('*')].filter(e => [...e.attributes]"
                    + ".some(a => a.name.startsWith('on'))).length");
    assertThat(((Number) handlers).intValue()).as("elements with an on* attribute").isZero();
    assertThat(browser.driver().findElements(By.tagName("script"))).hasSize(1);
  }
}
