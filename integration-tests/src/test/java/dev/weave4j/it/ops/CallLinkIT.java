package dev.weave4j.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.apps.ops.CallLinkApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.JvmRun;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code weave.print_call_link}: one stderr line per root call, with its {@code tree} command; by
 * default only for the first few.
 */
class CallLinkIT {

  private static final Pattern LINK = Pattern.compile("weave4j: trace: .* tree (\\S+)(.*)");

  @Test
  void eachRootCallPrintsOneTreeCommand() {
    JvmRun run =
        AgentJvm.app(CallLinkApp.class)
            .withSysProp("weave.print_call_link", "true")
            .run()
            .assertSuccess();

    List<String> lines =
        run.stderr()
            .lines()
            .filter(l -> l.contains("weave4j: trace:"))
            .collect(Collectors.toList());
    List<String> roots =
        run.store().roots().stream().map(CallNode::id).collect(Collectors.toList());
    assertThat(roots).hasSize(3);
    assertThat(run.store().calls()).hasSize(4);
    assertThat(lines).as(run.describe()).hasSize(3);
    for (String line : lines) {
      Matcher m = LINK.matcher(line);
      assertThat(m.matches()).as(line).isTrue();
      assertThat(roots).contains(m.group(1));
      assertThat(m.group(2)).contains("--dir " + run.localDir());
      // the printed command works
      assertThat(OpsRuns.cliJson(run, AgentJvm.PROJECT, "tree", m.group(1)).path("id").asText())
          .isEqualTo(m.group(1));
    }
    assertThat(lines.stream().map(l -> l.replaceAll(".* tree (\\S+).*", "$1")))
        .containsExactlyInAnyOrderElementsOf(roots);
  }

  @Test
  void byDefaultOnlyTheFirstFiveRootCallsPrintALinkThenOneLineSaysHowToListTheRest() {
    JvmRun run =
        AgentJvm.app(CallLinkApp.class, "20")
            .withoutSysProp("weave.print_call_link")
            .withSysProp("weave.project", "my-shop")
            .run()
            .assertSuccess();

    assertThat(run.store("my-shop").roots()).hasSize(23);
    List<String> lines =
        run.stderr().lines().filter(l -> l.startsWith("weave4j: ")).collect(Collectors.toList());
    assertThat(lines.stream().filter(l -> l.startsWith("weave4j: trace:"))).hasSize(5);
    assertThat(lines)
        .as(run.describe())
        .filteredOn(l -> l.contains("further root calls are not linked"))
        .singleElement()
        .asString()
        .contains(
            "weave-agent.jar calls --dir " + run.localDir() + " --project local/my-shop lists");
  }

  @Test
  void noLinksWhenDisabled() {
    JvmRun run =
        AgentJvm.app(CallLinkApp.class)
            .withSysProp("weave.print_call_link", "false")
            .run()
            .assertSuccess();

    assertThat(run.store().roots()).hasSize(3);
    assertThat(run.stderr()).doesNotContain("weave4j: trace:");
  }

  @Test
  void aCallNeverSentToAServerThatDoesNotAnswerGetsNoLinkButWhereItWaitsAndHowToSeeIt()
      throws Exception {
    String dead;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      dead = "http://127.0.0.1:" + probe.getLocalPort();
    }
    JvmRun run =
        AgentJvm.app(CallLinkApp.class)
            .withSysProp("weave.print_call_link", "true")
            .withSysProp("weave.server_url", dead)
            .withSysProp("weave.project", "acme/it")
            .withTimeout(java.time.Duration.ofSeconds(60))
            .run()
            .assertSuccess();

    List<String> lines =
        run.stderr()
            .lines()
            .filter(l -> l.contains("weave4j: trace:"))
            .collect(Collectors.toList());
    assertThat(lines).as(run.describe()).hasSize(3);
    Pattern unsent = Pattern.compile("weave4j: trace: (\\S+) not sent yet .* tree (\\S+) (.*)");
    for (String line : lines) {
      assertThat(line).doesNotContain(dead).doesNotContain("/call/");
      Matcher m = unsent.matcher(line);
      assertThat(m.matches()).as(line).isTrue();
      assertThat(m.group(2)).isEqualTo(m.group(1));
      assertThat(m.group(3)).contains("--dir " + run.localDir().resolve("spool"));
      // the printed command shows the call from the spool
      List<String> args = new java.util.ArrayList<>(List.of("tree", m.group(1), "--json"));
      args.addAll(List.of(m.group(3).trim().split(" ")));
      JvmRun tree = AgentJvm.runCli(run.workDir(), run.localDir(), args, java.util.Map.of());
      tree.assertSuccess();
      assertThat(tree.stdout()).contains(m.group(1));
    }
  }
}
