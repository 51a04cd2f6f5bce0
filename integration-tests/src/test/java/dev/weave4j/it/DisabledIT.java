package dev.weave4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.apps.TreeApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.JvmRun;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code weave.disabled}: the agent installs nothing (its Byte Buddy is never even loaded) and
 * writes nothing, whether disabled by system property or environment.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisabledIT {

  private static final String SHADED_BYTE_BUDDY = "dev.weave4j.shaded.net.bytebuddy";
  private static final String CLASS_LOAD_LOG = "-Xlog:class+load=info:file=classload.txt";

  private AgentJvm app;
  private JvmRun reference;

  @BeforeAll
  void runReference() {
    app = AgentJvm.app(TreeApp.class).withJvmArgs(CLASS_LOAD_LOG);
    reference = app.withoutAgent().run().assertSuccess();
  }

  @Test
  void disabledBySystemPropertyLoadsNoInstrumentationAndWritesNothing() {
    JvmRun run = app.withSysProp("weave.disabled", "true").run();

    run.assertSameAppBehaviourAs(reference)
        .assertNoProblemsReported(reference)
        .assertNothingStored();
    assertThat(shadedByteBuddyClasses(run)).isEmpty();
  }

  @Test
  void disabledByEnvironmentLoadsNoInstrumentationAndWritesNothing() {
    JvmRun run = app.withEnv("WEAVE_DISABLED", "true").run();

    run.assertSameAppBehaviourAs(reference)
        .assertNoProblemsReported(reference)
        .assertNothingStored();
    assertThat(shadedByteBuddyClasses(run)).isEmpty();
  }

  /** The control: without weave.disabled, the same check does see the agent's Byte Buddy. */
  @Test
  void enabledAgentLoadsItsShadedByteBuddy() {
    JvmRun run = app.run();

    run.assertSameAppBehaviourAs(reference);
    assertThat(shadedByteBuddyClasses(run)).isNotEmpty();
    assertThat(run.store().calls()).isNotEmpty();
  }

  private static List<String> shadedByteBuddyClasses(JvmRun run) {
    try {
      return Files.readAllLines(run.workDir().resolve("classload.txt")).stream()
          .filter(l -> l.contains(SHADED_BYTE_BUDDY))
          .limit(5)
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new AssertionError("no class-load log\n" + run.describe(), e);
    }
  }
}
