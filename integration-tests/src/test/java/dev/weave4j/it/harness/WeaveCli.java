package dev.weave4j.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The agent jar's command line ({@code java -jar weave-agent.jar ...}) over one run's local store:
 * how users read their calls, so the tests read them the same way.
 */
public final class WeaveCli {

  private final JvmRun app;
  private final String project;

  WeaveCli(JvmRun app, String project) {
    this.app = app;
    this.project = project;
  }

  /**
   * {@code calls --json}: the root calls, newest first (as many as the command shows by default).
   */
  public List<CallNode> calls() {
    return parseCalls(json("calls"));
  }

  /** {@code calls --json --limit <limit>}. */
  public List<CallNode> calls(int limit) {
    return parseCalls(json("calls", "--limit", String.valueOf(limit)));
  }

  private List<CallNode> parseCalls(JsonNode array) {
    assertThat(array.isArray()).as("`calls --json` prints a JSON array: %s", array).isTrue();
    List<CallNode> calls = new ArrayList<>();
    array.forEach(c -> calls.add(CallNode.of(c, "cli calls")));
    return calls;
  }

  /** The one root call of {@code opName} (from {@code calls}), with its tree ({@code tree}). */
  public CallNode rootTree(String opName) {
    List<CallNode> roots =
        calls().stream().filter(c -> opName.equals(c.opName())).collect(Collectors.toList());
    assertThat(roots)
        .as("root calls of op %s in `calls --json` of\n%s", opName, app.describe())
        .hasSize(1);
    return tree(roots.get(0).id());
  }

  /** {@code tree <id> --json}: the call and its descendants, nested under {@code children}. */
  public CallNode tree(String id) {
    return CallNode.of(json("tree", id), "cli tree " + id);
  }

  /** {@code show <id> --json}: the whole call as CallSchema JSON. */
  public CallNode show(String id) {
    return CallNode.of(json("show", id), "cli show " + id);
  }

  /** {@code tree <id>}: the tree for people. */
  public String treeText(String id) {
    return run("tree", id).stdout();
  }

  /** Runs a command with {@code --dir} and {@code --project}; asserts exit code 0. */
  public JvmRun run(String... commandAndArgs) {
    List<String> args = new ArrayList<>(List.of(commandAndArgs));
    args.add("--dir");
    args.add(app.localDir().toString());
    args.add("--project");
    args.add(project);
    JvmRun cli = AgentJvm.runCli(app.workDir(), app.localDir(), args);
    cli.assertSuccess();
    return cli;
  }

  private JsonNode json(String... commandAndArgs) {
    List<String> args = new ArrayList<>(List.of(commandAndArgs));
    args.add("--json");
    JvmRun cli = run(args.toArray(String[]::new));
    try {
      return Json.parse(cli.stdout());
    } catch (AssertionError e) {
      throw new AssertionError("output of the command line is not JSON\n" + cli.describe(), e);
    }
  }
}
