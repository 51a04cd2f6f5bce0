package dev.weave4j.it.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.it.apps.viewer.ViewerApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.Browser;
import dev.weave4j.it.harness.Json;
import dev.weave4j.it.harness.ServeProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * {@code serve}'s trace viewer in a real headless Chromium, over a store an app wrote under the
 * agent ({@link ViewerApp}): what a person sees on the Calls, Call and Threads pages after each
 * filter, sort, page, selection, rename, feedback, delete and export, and while another JVM writes.
 * Screenshots of each page (1280×800) go to {@code target/viewer-screenshots/}.
 */
class ViewerIT {

  private static final String PROJECT = "local/" + AgentJvm.PROJECT;
  private static final String ROWS = "table.calls tbody tr[data-id]";
  private static final String OPS = ROWS + " td[data-col=op]";

  private static ServeProcess serve;
  private static Browser browser;
  private static ServeApi api;

  @BeforeAll
  static void start() {
    serve = ServeProcess.start();
    app("store").run().assertSuccess();
    api = new ServeApi(serve.url(), PROJECT);
    browser = Browser.start(serve.workDir());
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (serve != null) {
      serve.close();
    }
  }

  private static AgentJvm app(String... args) {
    return AgentJvm.app(ViewerApp.class, args)
        .withSysProp("weave.local_dir", serve.storeDir().toString());
  }

  private static void openCalls(String query) {
    browser.open(serve.url() + "/#/local/" + AgentJvm.PROJECT + "/calls" + query);
    browser.waitFor(
        "the calls are counted",
        d -> browser.texts(".status-line").get(0).matches("[0-9,]+ calls?") ? true : null);
  }

  private static List<String> ops() {
    return browser.texts(OPS);
  }

  private static void type(String name, String text) {
    WebElement input = browser.find("form.filters [name=" + name + "]");
    input.clear();
    input.sendKeys(text, Keys.TAB);
  }

  private static void waitForOps(List<String> ops) {
    browser.waitForTexts(OPS, ops);
  }

  @Test
  void rootsAreListedWithTheirColumnsAndAllCallsOnAToggle() {
    openCalls("?q=blue-teapot");
    waitForOps(List.of("Shop.checkout"));
    WebElement row = browser.driver().findElement(By.cssSelector(ROWS));
    assertThat(row.findElement(By.cssSelector("td[data-col=status]")).getText())
        .isEqualTo("descendant_error");
    assertThat(row.findElement(By.cssSelector("td[data-col=tokens]")).getText()).isEqualTo("1,500");
    assertThat(row.findElement(By.cssSelector("td[data-col=cost]")).getText()).startsWith("$");
    assertThat(row.findElement(By.cssSelector("td[data-col=latency]")).getText()).endsWith("ms");
    browser.find("form.filters [name=all]").click();
    waitForOps(List.of("Shop.quote", "Shop.checkout"));
    assertThat(browser.hash()).contains("all=1");
  }

  @Test
  void eachFilterNarrowsTheRowsAndIsWrittenIntoTheUrl() {
    openCalls("");
    type("op", "Catalog.lookup");
    browser.waitForTexts(".status-line", List.of("60 calls"));
    new Select(browser.find("form.filters [name=status]")).selectByValue("error");
    browser.waitForTexts(".status-line", List.of("6 calls"));
    assertThat(ops()).hasSize(6).containsOnly("Catalog.lookup");
    assertThat(browser.texts(ROWS + " td[data-col=status]")).containsOnly("error");
    type("attr", "env=prod");
    browser.waitForTexts(".status-line", List.of("6 calls")); // every tenth sku is even
    new Select(browser.find("form.filters [name=status]")).selectByValue("");
    browser.waitForTexts(".status-line", List.of("30 calls"));
    String hash = browser.hash();
    assertThat(hash)
        .contains("op=Catalog.lookup")
        .contains("attr=env%3Dprod")
        .doesNotContain("status");

    // The URL alone gives the same view, with the filters shown in their inputs.
    browser.open(serve.url() + "/" + hash);
    browser.waitForTexts(".status-line", List.of("30 calls"));
    assertThat(browser.find("form.filters [name=op]").getAttribute("value"))
        .isEqualTo("Catalog.lookup");
    assertThat(browser.find("form.filters [name=attr]").getAttribute("value"))
        .isEqualTo("env=prod");

    openCalls("?thread=thread-7");
    waitForOps(List.of("Assistant.reply", "Assistant.reply"));
    type("thread", "");
    type("q", "no-such-text-anywhere");
    browser.waitForTexts("table.calls tbody tr.empty", List.of("No calls match."));
  }

  @Test
  void aTimeRangeKeepsTheCallsStartedInIt() {
    JsonNode checkout = api.roots("Shop.checkout").get(0);
    JsonNode scratch =
        api.calls("{\"trace_roots_only\":true}").stream()
            .filter(
                c ->
                    c.path("op_name").asText().equals("Scratch.tmp")
                        || c.path("op_name").asText().equals("Assistant.reply"))
            .findFirst()
            .orElseThrow();
    openCalls("?from=" + local(checkout) + "&to=" + local(scratch));
    waitForOps(List.of("Shop.checkout"));
    assertThat(browser.find("form.filters [name=from]").getAttribute("value")).isNotEmpty();
  }

  /** A call's start as a datetime-local value (the browser's zone, the system's), to the ms. */
  private static String local(JsonNode call) {
    Instant at = Instant.parse(call.path("started_at").asText()).truncatedTo(ChronoUnit.MILLIS);
    return LocalDateTime.ofInstant(at, ZoneId.systemDefault()).toString();
  }

  @Test
  void sortingByAColumnReordersTheRowsOnTheServer() {
    openCalls("?sort=op_name:asc");
    browser.waitFor("sorted by op", d -> ops().isEmpty() ? null : true);
    List<String> asc = ops();
    assertThat(asc.get(0)).isEqualTo("Assistant.reply");
    assertThat(asc).isSorted();
    browser.find("th[data-col=op] button").click();
    browser.waitFor(
        "sorted by op, descending",
        d -> ops().isEmpty() || ops().get(0).equals("Assistant.reply") ? null : true);
    List<String> desc = ops();
    assertThat(desc.get(0)).isEqualTo("Shop.checkout");
    assertThat(desc).isSortedAccordingTo(Collections.reverseOrder());
    assertThat(browser.hash()).contains("sort=op_name%3Adesc");

    browser.find("th[data-col=status] button").click();
    browser.waitFor(
        "sorted by status",
        d -> browser.hash().contains("summary.weave.status") && !ops().isEmpty() ? true : null);
    browser.waitFor(
        "errors first",
        d ->
            browser.texts(ROWS + " td[data-col=status]").get(0).equals("descendant_error")
                ? true
                : null);
    assertThat(browser.find("th[data-col=status]").getAttribute("aria-sort"))
        .isEqualTo("ascending");
  }

  @Test
  void pagesAreReadFromTheServerFiftyAtATime() {
    openCalls("?op=Catalog.lookup&sort=started_at:asc");
    browser.waitForTexts(".pager .range", List.of("1–50 of 60"));
    assertThat(ops()).hasSize(50);
    browser.screenshot("calls");
    browser.find(".pager [name=next]").click();
    browser.waitForTexts(".pager .range", List.of("51–60 of 60"));
    assertThat(ops()).hasSize(10);
    assertThat(browser.hash()).contains("page=2");
    assertThat(browser.find(".pager [name=next]").isEnabled()).isFalse();
    browser.find(".pager [name=prev]").click();
    browser.waitForTexts(".pager .range", List.of("1–50 of 60"));
  }

  @Test
  void theTableIsUsedWithTheKeyboard() {
    openCalls("?q=blue-teapot");
    waitForOps(List.of("Shop.checkout"));
    WebElement row = browser.find(ROWS);
    row.sendKeys(" ");
    browser.waitFor(
        "the row is selected", d -> browser.find("[name=delete]").isEnabled() ? true : null);
    browser.find(ROWS).sendKeys(Keys.ENTER);
    browser.waitFor("the call page", d -> browser.hash().contains("/call/") ? true : null);
    browser.find(".details .op-name");
  }

  @Test
  void selectedCallsAreDeletedWithTheirDescendantsAfterConfirmation() {
    JsonNode scratch = api.roots("Scratch.tmp").get(0);
    String trace = scratch.path("trace_id").asText();
    assertThat(api.calls("{\"trace_ids\":[\"" + trace + "\"]}")).hasSize(2);
    openCalls("?op=Scratch.tmp");
    waitForOps(List.of("Scratch.tmp"));
    browser.find(ROWS + " input[type=checkbox]").click();
    browser.find("[name=delete]").click();
    browser.find("dialog .cancel").click();
    assertThat(ops()).containsExactly("Scratch.tmp");
    browser.find("[name=delete]").click();
    assertThat(browser.find("dialog").getText())
        .contains("Delete 1 call and all their descendants?");
    browser.find("dialog .danger-confirm").click();
    browser.waitForTexts("table.calls tbody tr.empty", List.of("No calls match."));
    assertThat(api.calls("{\"trace_ids\":[\"" + trace + "\"]}")).isEmpty();
  }

  @Test
  void theCurrentFilterIsExportedAsJsonlAndCsv() throws IOException {
    openCalls("?op=Catalog.lookup&status=error");
    browser.waitForTexts(".status-line", List.of("6 calls"));
    browser.find("[name=export-jsonl]").click();
    List<String> jsonl = downloaded("local-it-calls.jsonl");
    assertThat(jsonl).hasSize(6);
    for (String line : jsonl) {
      JsonNode c = Json.parse(line);
      assertThat(c.path("op_name").asText()).endsWith("Catalog.lookup");
      assertThat(c.path("exception").asText()).contains("no such sku");
    }
    browser.find("[name=export-csv]").click();
    List<String> csv = downloaded("local-it-calls.csv");
    assertThat(csv).hasSize(7);
    assertThat(csv.get(0)).startsWith("id,trace_id,parent_id,op_name,display_name,status,");
    assertThat(csv.subList(1, 7))
        .allSatisfy(l -> assertThat(l).contains("Catalog.lookup", ",error,"));
  }

  private static List<String> downloaded(String name) throws IOException {
    Path file = browser.downloads().resolve(name);
    browser.waitFor(
        "the download " + file,
        d ->
            Files.exists(file) && !Files.exists(file.resolveSibling(name + ".crdownload"))
                ? true
                : null);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Files.delete(file);
    return lines.stream().filter(l -> !l.isEmpty()).toList();
  }

  @Test
  void callsAnAgentJvmWritesAppearWithoutAReload() {
    openCalls("?op=Live.tick");
    browser.waitForTexts("table.calls tbody tr.empty", List.of("No calls match."));
    js().executeScript("window.stillTheSamePage = true");
    app("live", "3").run().assertSuccess();
    browser.waitForTexts(OPS, List.of("Live.tick", "Live.tick", "Live.tick"));
    assertThat(js().executeScript("return window.stillTheSamePage")).isEqualTo(true);
  }

  @Test
  void theCallPageShowsTheTraceTreeWithItsTimelineAndTheCallsDetails() {
    JsonNode checkout = api.roots("Shop.checkout").get(0);
    List<JsonNode> trace =
        api.calls("{\"trace_ids\":[\"" + checkout.path("trace_id").asText() + "\"]}");
    browser.open(serve.url() + "/#/local/it/call/" + checkout.path("id").asText());
    browser.waitForTexts(
        ".tree-row .op", List.of("Shop.checkout", "Shop.quote", "Shop.items", "Shop.charge"));
    assertThat(
            browser.driver().findElements(By.cssSelector(".tree-row")).stream()
                .map(r -> r.getAttribute("aria-level"))
                .toList())
        .containsExactly("1", "2", "2", "2");
    List<double[]> bars =
        browser.driver().findElements(By.cssSelector(".tree-row .bar")).stream()
            .map(b -> new double[] {pct(b, "left"), pct(b, "width")})
            .toList();
    assertThat(bars.get(0)[0]).isEqualTo(0.0);
    assertThat(bars.get(0)[1]).isEqualTo(100.0);
    for (int i = 1; i < bars.size(); i++) {
      assertThat(bars.get(i)[0]).isBetween(bars.get(i - 1)[0], 100.0);
      assertThat(bars.get(i)[0] + bars.get(i)[1]).isLessThanOrEqualTo(100.5);
    }
    assertThat(browser.find(".tree-row:nth-of-type(4) .bar").getAttribute("class"))
        .contains("error");
    browser.waitForTexts(".details .op-name", List.of("Shop.checkout"));
    assertThat(browser.find(".details").getText())
        .contains("declined: a quote for blue-teapot [teapot,lid,cup]");
    browser.find("table.usage tbody tr[data-model=gpt-4o]");
    List<String> usage = browser.texts("table.usage tbody tr[data-model=gpt-4o] td");
    assertThat(List.of(usage.get(0), usage.get(2), usage.get(3), usage.get(4)))
        .containsExactly("gpt-4o", "1,200", "300", "1,500");
    assertThat(usage.get(5)).startsWith("$");
    browser.screenshot("call");

    // The streamed op: its output is the values the consumer pulled.
    JsonNode items =
        trace.stream()
            .filter(c -> c.path("op_name").asText().endsWith("Shop.items"))
            .findFirst()
            .orElseThrow();
    browser.find(".tree-row[data-id='" + items.path("id").asText() + "']").click();
    browser.waitForTexts(".details .op-name", List.of("Shop.items"));
    assertThat(browser.hash()).endsWith("/call/" + items.path("id").asText());
    assertThat(browser.find(".details").getText()).contains("\"teapot\"", "\"lid\"", "\"cup\"");

    // The op that threw: its exception and traceback; reached with the keyboard.
    browser.find(".tree-row[aria-selected=true]").sendKeys(Keys.ARROW_DOWN);
    browser.waitFor(
        "focus on the next row",
        d ->
            "Shop.charge"
                    .equals(
                        browser
                            .driver()
                            .switchTo()
                            .activeElement()
                            .findElement(By.cssSelector(".op"))
                            .getText())
                ? true
                : null);
    browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
    browser.waitForTexts(".details .op-name", List.of("Shop.charge"));
    assertThat(browser.find(".exception .etype").getText())
        .isEqualTo("java.lang.IllegalStateException: card declined for 20");
    assertThat(browser.find(".exception .traceback").getText())
        .contains("at ")
        .contains("Shop.charge");
  }

  private static double pct(WebElement bar, String property) {
    Object v = js().executeScript("return arguments[0].style." + property, bar);
    return Double.parseDouble(String.valueOf(v).replace("%", ""));
  }

  private static JavascriptExecutor js() {
    return (JavascriptExecutor) browser.driver();
  }

  @Test
  void feedbackAndRenamesAreKeptThroughTheApi() {
    JsonNode checkout = api.roots("Shop.checkout").get(0);
    String id = checkout.path("id").asText();
    browser.open(serve.url() + "/#/local/it/call/" + id);
    browser.waitForTexts(".details .op-name", List.of("Shop.checkout"));
    browser.find("button.reaction[aria-label='React 👍']").click();
    browser.waitFor(
        "the reaction is listed",
        d -> browser.find(".feedback-list").getText().contains("👍") ? true : null);
    WebElement note = browser.find(".feedback-form [name=note]");
    note.sendKeys("looks right", Keys.ENTER);
    browser.waitFor(
        "the note is listed",
        d -> browser.find(".feedback-list").getText().contains("looks right") ? true : null);
    JsonNode feedback = api.feedback(id);
    assertThat(feedback).hasSize(2);
    assertThat(feedback.get(0).path("feedback_type").asText()).isEqualTo("wandb.reaction.1");
    assertThat(feedback.get(0).path("payload").path("emoji").asText()).isEqualTo("👍");
    assertThat(feedback.get(1).path("payload").path("note").asText()).isEqualTo("looks right");

    browser.find("button[name=rename]").click();
    WebElement name = browser.find("form.rename [name=display-name]");
    name.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Teapot checkout", Keys.ENTER);
    browser.waitForTexts(".details .display-name", List.of("Teapot checkout"));
    browser.waitForTexts(".tree-row[aria-level='1'] .dn", List.of("Teapot checkout"));
    assertThat(api.call(id).path("display_name").asText()).isEqualTo("Teapot checkout");

    browser.open(serve.url() + "/#/local/it/call/" + id); // as saved, after a reload
    browser.waitForTexts(".details .display-name", List.of("Teapot checkout"));
    browser.waitFor(
        "the feedback after a reload",
        d -> browser.find(".feedback-list").getText().contains("looks right") ? true : null);
  }

  @Test
  void threadsGroupTheirTurns() {
    browser.open(serve.url() + "/#/local/it/threads");
    browser.waitFor(
        "thread-7 with two turns",
        d ->
            browser.texts("table.threads tbody tr[data-id='thread-7'] td").size() > 1
                    && browser
                        .texts("table.threads tbody tr[data-id='thread-7'] td")
                        .get(1)
                        .equals("2")
                ? true
                : null);
    browser.screenshot("threads");
    browser.find("table.threads tbody tr[data-id='thread-7']").click();
    browser.waitFor("two turns", d -> browser.texts("article.turn").size() == 2 ? true : null);
    assertThat(browser.texts("article.turn").get(0))
        .contains("Turn 1", "Assistant.reply", "hello", "you said hello");
    assertThat(browser.texts("article.turn").get(1)).contains("Turn 2", "goodbye");
  }

  @Test
  void darkModeFollowsTheSystemAndAPhoneWidthStaysReadable() {
    try {
      browser.colorScheme("dark");
      openCalls("?op=Catalog.lookup");
      String bg = browser.find("body").getCssValue("background-color");
      assertThat(bg).isEqualTo("rgba(15, 18, 22, 1)");
      browser.screenshot("calls-dark");
      browser.viewport(390, 844);
      openCalls("?op=Catalog.lookup");
      Object overflow =
          js().executeScript(
                  "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
      assertThat(((Number) overflow).intValue()).as("no sideways scrolling").isLessThanOrEqualTo(0);
      assertThat(browser.find(OPS).isDisplayed()).isTrue();
      browser.screenshot("calls-phone");
    } finally {
      browser.colorScheme("light");
      browser.viewport(1280, 800);
    }
  }

  @Test
  void theCallsPageDoesNotShiftWhileItLoads() {
    openCalls("?op=Catalog.lookup");
    Object shift =
        js().executeScript(
                "const o = new PerformanceObserver(() => {});"
                    + "o.observe({type: 'layout-shift', buffered: true});"
                    + "return o.takeRecords().reduce((s, e) => s + e.value, 0);");
    assertThat(((Number) shift).doubleValue()).as("cumulative layout shift").isLessThan(0.1);
  }

  @Test
  void thePrintedCallLinkOfAnAppSendingToServeOpensTheCallPage() {
    String stderr =
        AgentJvm.app(ViewerApp.class, "live", "1")
            .withSysProp("weave.server_url", serve.url())
            .withSysProp("weave.project", "viewer/remote")
            .withSysProp("weave.print_call_link", "true")
            .run()
            .assertSuccess()
            .stderr();
    Matcher link =
        Pattern.compile(
                "weave4j: trace: (" + Pattern.quote(serve.url()) + "/#/viewer/remote/call/(\\S+))")
            .matcher(stderr);
    assertThat(link.find()).as("a link to serve's call page in:%n%s", stderr).isTrue();
    browser.open(link.group(1));
    browser.waitForTexts(".details .op-name", List.of("Live.tick"));
    assertThat(browser.texts(".tree-row .op")).containsExactly("Live.tick");
    assertThat(browser.find(".details").getText()).contains(link.group(2));
  }
}
