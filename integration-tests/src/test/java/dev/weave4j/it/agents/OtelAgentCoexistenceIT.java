package dev.weave4j.it.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.apps.agents.OtelCoexistApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.ItEnv;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.OtlpReceiver;
import dev.weave4j.it.harness.OtlpReceiver.Received;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An app that runs the OpenTelemetry Java agent (downloaded from Maven Central by this module's
 * build) beside weave4j's, in remote mode: the app's own span still reaches its own OTLP exporter
 * ({@code /v1/traces}) unchanged, and weave4j's agent spans go to Weave's endpoint only, with their
 * own relocated OpenTelemetry classes.
 */
class OtelAgentCoexistenceIT {

  private static Path otelAgent() {
    Path jar =
        ItEnv.testClassesDir().getParent().resolve("otel").resolve("opentelemetry-javaagent.jar");
    assertThat(jar).as("downloaded by the build (mvn verify)").exists();
    return jar;
  }

  @Test
  void theAppsOwnSpansStillReachItsExporterAndAgentSpansGoToWeave() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      JvmRun run =
          AgentJvm.app(OtelCoexistApp.class)
              // the OpenTelemetry agent first, as its docs ask
              .withJvmArgs(
                  "-javaagent:" + otelAgent(),
                  "-Dotel.service.name=coexist-app",
                  "-Dotel.exporter.otlp.protocol=http/protobuf",
                  "-Dotel.exporter.otlp.endpoint=" + receiver.url(),
                  "-Dotel.metrics.exporter=none",
                  "-Dotel.logs.exporter=none",
                  "-Dotel.bsp.schedule.delay=100")
              .withSysProp("weave.project", "acme/coexist")
              .withSysProp("weave.server_url", receiver.url())
              .withEnv("WANDB_API_KEY", "it-key-0123456789")
              .withTimeout(Duration.ofSeconds(120))
              .run()
              .assertSuccess();

      assertThat(run.stdout()).contains("app trace ");
      String traceId = run.stdout().replaceAll("(?s).*app trace ([0-9a-f]{32}).*", "$1");
      assertThat(traceId).as("the app's span is a real one: %s", run.describe()).hasSize(32);
      assertThat(traceId).isNotEqualTo("0".repeat(32));

      List<Received> own = receiver.at(OtlpReceiver.COLLECTOR_PATH);
      assertThat(own)
          .as("the app's span reached its exporter\n%s", run.describe())
          .extracting(r -> r.span().getName())
          .contains("app-request");
      Received appSpan =
          own.stream().filter(r -> r.span().getName().equals("app-request")).findFirst().get();
      assertThat(appSpan.traceId()).isEqualTo(traceId);
      assertThat(
              OtlpReceiver.attributes(appSpan.resource().getAttributesList())
                  .get("service.name")
                  .getStringValue())
          .isEqualTo("coexist-app");
      assertThat(own)
          .as("no weave4j agent span goes to the app's exporter")
          .noneMatch(r -> r.span().getName().startsWith("invoke_agent"));

      List<Received> weave = receiver.at(OtlpReceiver.PATH);
      assertThat(weave)
          .extracting(r -> r.span().getName())
          .containsExactlyInAnyOrder("invoke_agent helper", "chat gpt-4o", "execute_tool clock");
      assertThat(weave)
          .allSatisfy(
              r ->
                  assertThat(
                          OtlpReceiver.attributes(r.resource().getAttributesList())
                              .get("wandb.project")
                              .getStringValue())
                      .isEqualTo("coexist"));
      assertThat(Map.copyOf(receiver.arrivals()).values()).allMatch(n -> n == 1);
    }
  }
}
