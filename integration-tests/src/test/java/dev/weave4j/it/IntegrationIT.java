package dev.weave4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.apps.IntegrationApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.ItEnv;
import dev.weave4j.it.harness.JvmRun;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The integration module API end to end, with the testing integration (integrations/testing, shaded
 * into agent/target/weave-agent-…-testing.jar) and its tiny library, loaded by a child class loader
 * of the app.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntegrationIT {

  private static final String INTEGRATION_CLASSES = "dev.weave4j.integrations.testing.";
  private static final String CLASS_LOAD_LOG = "-Xlog:class+load=info:file=classload.txt";

  private JvmRun reference;
  private JvmRun traced;

  private static AgentJvm app(String... args) {
    return AgentJvm.app(IntegrationApp.class, args)
        .withoutAgent()
        .withJvmArgs(
            "-javaagent:" + ItEnv.testingAgentJar(),
            "-Dit.testlib=" + ItEnv.testLibraryJar(),
            CLASS_LOAD_LOG);
  }

  @BeforeAll
  void runApp() {
    reference =
        AgentJvm.app(IntegrationApp.class, "probe-helper")
            .withoutAgent()
            .withJvmArgs("-Dit.testlib=" + ItEnv.testLibraryJar())
            .run()
            .assertSuccess();
    traced = app("probe-helper").withSysProp("weave.debug", "true").run().assertSuccess();
  }

  @Test
  void libraryMatchedByInterfaceIsTracedThroughHelpersDefinedInItsLoader() {
    assertThat(traced.stdout())
        .contains("greeting: Good day, Ada.")
        .contains("helper defined in the library's loader: true");
    CallNode greet = traced.store().calls("testlib.greet").get(0);
    assertThat(greet.inputs().path("name").asText()).isEqualTo("Ada");
    assertThat(greet.inputs().path("greeter").asText()).isEqualTo("PoliteGreeter");
    assertThat(greet.inputs().path("helper_loader").asText()).isEqualTo("test library loader");
    assertThat(greet.output().asText()).isEqualTo("Good day, Ada.");
  }

  @Test
  void anExceptionOfTheLibraryIsRecordedAndReachesTheAppUnchanged() {
    assertThat(traced.stdout())
        .contains("greeting failed: java.lang.IllegalArgumentException: no name");
    List<CallNode> greets = traced.store().calls("testlib.greet");
    assertThat(greets).hasSize(2);
    assertThat(greets.get(1).inputs().path("name").asText()).isEmpty();
  }

  @Test
  void aMissingMethodSkipsTheIntegrationWithOneLineAndTheAppBehavesTheSame() {
    assertThat(traced.stdout())
        .isEqualTo(
            reference
                .stdout()
                .replace(
                    "helper defined in the library's loader: false",
                    "helper defined in the library's loader: true"));
    assertThat(traced.stdout()).contains("tally: 5");
    List<String> skipped =
        traced.stderr().lines().filter(l -> l.contains("integration testing skipped")).toList();
    assertThat(skipped)
        .singleElement()
        .asString()
        .contains("dev.weave4j.testlib.Tally has no method matching");
  }

  @Test
  void debugPrintsTheStartUpReportAndEachLoaderTheIntegrationIsAppliedIn() {
    assertThat(traced.stderr())
        .contains(" testing [0.1,) (on, applied when dev.weave4j.testlib.Greeter is loaded)")
        .contains("weave4j: integrations: ")
        .contains("weave4j: integration testing [0.1,) applied in test library loader");
  }

  @Test
  void anAbsentLibraryLoadsNoneOfTheIntegrationsClasses() {
    JvmRun without = app("without-library").run().assertSuccess();

    assertThat(without.stdout()).isEqualTo("no library\n");
    assertThat(loadedIntegrationClasses(without)).isEmpty();
    // The control: the same check sees them when the library is there.
    assertThat(loadedIntegrationClasses(traced)).isNotEmpty();
  }

  @Test
  void anIntegrationTurnedOffBySettingsTracesNothing() {
    JvmRun off =
        app().withSysProp("weave.integrations.testing.enabled", "false").run().assertSuccess();
    JvmRun allOff =
        app().withEnv("WEAVE_IMPLICITLY_PATCH_INTEGRATIONS", "false").run().assertSuccess();

    for (JvmRun run : List.of(off, allOff)) {
      assertThat(run.stdout()).contains("greeting: Good day, Ada.");
      run.assertNothingStored();
      assertThat(loadedIntegrationClasses(run)).isEmpty();
    }
  }

  private static List<String> loadedIntegrationClasses(JvmRun run) {
    try {
      return Files.readAllLines(run.workDir().resolve("classload.txt")).stream()
          .filter(l -> l.contains(INTEGRATION_CLASSES))
          .limit(5)
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new AssertionError("no class-load log in " + run.workDir(), e);
    }
  }
}
