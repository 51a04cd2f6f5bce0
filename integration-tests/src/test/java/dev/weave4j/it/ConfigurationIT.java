package dev.weave4j.it;

import static dev.weave4j.it.harness.CallAssert.assertThatCall;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.apps.HelloApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.ItEnv;
import dev.weave4j.it.harness.JvmRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Configuration precedence (-D &gt; agent arguments &gt; env &gt; weave.properties &gt; defaults),
 * and bad configuration: a message naming the key on stderr and the app running exactly as without
 * the agent; traced with the default where a default can serve, else nothing traced.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigurationIT {

  private JvmRun reference;

  @BeforeAll
  void runReference() {
    reference = AgentJvm.app(HelloApp.class).withoutAgent().run().assertSuccess();
  }

  @Test
  void mistypedKeysInEverySourceAreNamedWithTheClosestKeyAndTheAppIsStillTraced() {
    JvmRun run =
        AgentJvm.app(HelloApp.class)
            .withSysProp("weave.projcet", "x")
            .withEnv("WEAVE_PROJEKT", "y")
            .withFile("weave.properties", "weave.print_call_lnk=false\n")
            .run();

    run.assertSameAppBehaviourAs(reference);
    assertThat(run.stderr())
        .as(run.describe())
        .contains("weave.projcet (system property) is ignored; did you mean weave.project?")
        .contains("WEAVE_PROJEKT (environment variable) is ignored; did you mean WEAVE_PROJECT?")
        .contains("weave.print_call_lnk (")
        .contains("did you mean weave.print_call_link?");
    assertTracedOnlyInto(run, AgentJvm.PROJECT);
  }

  @Test
  void agentArgumentsConfigureTheAgent() {
    JvmRun run =
        AgentJvm.app(HelloApp.class)
            .withoutSysProp("weave.project")
            .withoutAgent()
            .withJvmArgs(
                "-javaagent:" + ItEnv.agentJar() + "=project=fromargs,print_call_link=false")
            .run();

    assertTracedOnlyInto(run, "fromargs");
  }

  @Test
  void badBooleanWhereTracingWouldGuessIsReportedAndNothingIsTraced() {
    JvmRun run = AgentJvm.app(HelloApp.class).withSysProp("weave.disabled", "maybe").run();

    assertRejected(run, "weave.disabled", "maybe");
  }

  @Test
  void badByteSizeIsReportedAndTheDefaultIsUsed() {
    JvmRun run = AgentJvm.app(HelloApp.class).withSysProp("weave.max_queue_bytes", "lots").run();

    run.assertSameAppBehaviourAs(reference);
    assertThat(run.stderr())
        .as(run.describe())
        .contains("weave.max_queue_bytes", "lots", "using the default");
    assertTracedOnlyInto(run, AgentJvm.PROJECT);
  }

  @Test
  void badValueInEnvironmentIsReportedAndNothingIsTraced() {
    JvmRun run = AgentJvm.app(HelloApp.class).withEnv("WEAVE_DISABLED", "perhaps").run();

    assertRejected(run, "perhaps");
    assertThat(run.stderr()).containsAnyOf("weave.disabled", "WEAVE_DISABLED");
  }

  @Test
  void systemPropertyWinsOverEnvironmentAndFile() {
    JvmRun run =
        configured()
            .withSysProp("weave.project", "fromprop")
            .withEnv("WEAVE_PROJECT", "fromenv")
            .run();

    assertTracedOnlyInto(run, "fromprop");
  }

  @Test
  void environmentWinsOverFile() {
    JvmRun run = configured().withEnv("WEAVE_PROJECT", "fromenv").run();

    assertTracedOnlyInto(run, "fromenv");
  }

  @Test
  void propertiesFileInTheWorkingDirectoryWinsOverDefaults() {
    JvmRun run = configured().run();

    assertTracedOnlyInto(run, "fromfile");
  }

  @Test
  void configPropertyNamesTheFileToRead() {
    JvmRun run =
        configured()
            .withFile("conf/custom.properties", "weave.project=fromconfig\n")
            .withSysProp("weave.config", "conf/custom.properties")
            .run();

    assertTracedOnlyInto(run, "fromconfig");
  }

  /** HelloApp with ./weave.properties setting the project, and no -Dweave.project. */
  private static AgentJvm configured() {
    return AgentJvm.app(HelloApp.class)
        .withoutSysProp("weave.project")
        .withFile("weave.properties", "weave.project=fromfile\n");
  }

  private void assertRejected(JvmRun run, String... inStderr) {
    run.assertSameAppBehaviourAs(reference).assertNothingStored();
    assertThat(run.stderr()).as("stderr names the problem\n%s", run.describe()).contains(inStderr);
  }

  private void assertTracedOnlyInto(JvmRun run, String project) {
    run.assertSameAppBehaviourAs(reference);
    if (!run.stderr().contains("weave4j: configuration:")) {
      run.assertNoProblemsReported(reference);
    }
    assertThat(projectsWritten(run))
        .as("projects written\n%s", run.describe())
        .containsExactly(project);
    assertThatCall(run.store(project).root("Hello.greet"))
        .hasInputs("{'name': 'weave'}")
        .hasOutput("'hello, weave'")
        .succeeded();
  }

  private static List<String> projectsWritten(JvmRun run) {
    Path entity = run.localDir().resolve("local");
    if (!Files.isDirectory(entity)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(entity)) {
      return dirs.map(d -> d.getFileName().toString()).collect(Collectors.toList());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
