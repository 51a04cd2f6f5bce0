package dev.weave4j.it.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.apps.agents.AgentApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.Browser;
import dev.weave4j.it.harness.ServeProcess;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Agents page of {@code serve}'s viewer in a real headless Chromium, over the spans an agent
 * instrumented with the agent-tracing API wrote under the agent ({@link AgentApp}: conversation
 * {@code c-42}, "refund", two turns, each an LLM call with tool calls and a sub-agent).
 */
class ViewerAgentsIT {

  @Test
  void aTwoTurnConversationIsListedWithItsMinimapAndShownTurnByTurn() {
    try (ServeProcess serve = ServeProcess.start();
        Browser browser = Browser.start(serve.workDir())) {
      AgentJvm.app(AgentApp.class)
          .withSysProp("weave.local_dir", serve.storeDir().toString())
          .run()
          .assertSuccess();

      browser.open(serve.url() + "/#/local/" + AgentJvm.PROJECT + "/agents");
      String row = "table.conversations tbody tr[data-id='c-42']";
      browser.waitFor(
          "conversation c-42", d -> browser.texts(row + " td").size() == 6 ? true : null);
      List<String> cells = browser.texts(row + " td");
      assertThat(cells.get(0)).startsWith("refund");
      assertThat(cells.get(1)).isEqualTo("support-bot");
      assertThat(cells.get(2)).isEqualTo("2");
      assertThat(
              browser
                  .driver()
                  .findElements(org.openqa.selenium.By.cssSelector(row + " .minimap .turn")))
          .hasSize(2);
      assertThat(Long.parseLong(cells.get(5).replace(",", ""))).isPositive();
      browser.screenshot("agents");

      browser.find(row).click();
      browser.waitFor("two turns", d -> browser.texts("article.turn").size() == 2 ? true : null);
      assertThat(browser.hash()).endsWith("/agents/c-42");
      assertThat(
              browser
                  .driver()
                  .findElements(org.openqa.selenium.By.cssSelector(".minimap.large .turn")))
          .hasSize(2);
      List<String> turns = browser.texts("article.turn");
      assertThat(turns.get(0))
          .contains(
              "Turn 1",
              "Where is my order?",
              "chat gpt-4o",
              "execute_tool lookup_order",
              "execute_tool broken_tool",
              "invoke_agent billing-agent");
      assertThat(turns.get(1)).contains("Turn 2", "And my refund?");
      assertThat(browser.texts("article.turn:first-of-type .step[data-kind=llm] .tokens").get(0))
          .matches("· [0-9,]+ in / [0-9,]+ out tokens.*");
      assertThat(browser.texts("article.turn:first-of-type .step.tool.error .title"))
          .contains("execute_tool broken_tool");
      browser.screenshot("conversation");
    }
  }
}
