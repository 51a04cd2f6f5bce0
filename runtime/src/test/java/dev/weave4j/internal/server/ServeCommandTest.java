package dev.weave4j.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServeCommandTest {

  private static final Path DIR = Path.of("store");

  @Test
  void flagsSetPortHostKeyDirAndFaults() {
    ServeOptions o =
        ServeArgs.parse(
            new String[] {
              "serve",
              "--port=0",
              "--host",
              "localhost",
              "--api-key",
              "k",
              "--dir",
              "d",
              "--fail-first",
              "3",
              "--status",
              "429",
              "--retry-after",
              "2",
              "--max-body-bytes",
              "1000",
              "--down-for-ms",
              "500"
            },
            DIR);
    assertThat(o.port()).isZero();
    assertThat(o.host()).isEqualTo("localhost");
    assertThat(o.apiKey()).isEqualTo("k");
    assertThat(o.dir()).isEqualTo(Path.of("d"));
    assertThat(o.faults()).isEqualTo(new FaultOptions(3, 429, 2, 1000, 500));
  }

  @Test
  void defaultsAreLoopbackPort6345AndNoFaults() {
    ServeOptions o = ServeArgs.parse(new String[] {"serve"}, DIR);
    assertThat(o.host()).isEqualTo("127.0.0.1");
    assertThat(o.port()).isEqualTo(6345);
    assertThat(o.dir()).isEqualTo(DIR);
    assertThat(o.faults().any()).isFalse();
  }

  @Test
  void badFlagsAreNamed() {
    assertThatThrownBy(() -> ServeArgs.parse(new String[] {"serve", "--port", "x"}, DIR))
        .hasMessageContaining("--port");
    assertThatThrownBy(() -> ServeArgs.parse(new String[] {"serve", "--status", "200"}, DIR))
        .hasMessageContaining("--status");
    assertThatThrownBy(() -> ServeArgs.parse(new String[] {"serve", "--bogus"}, DIR))
        .hasMessageContaining("--bogus");
  }

  @Test
  void aNonLoopbackHostWithoutAnApiKeyIsRefused() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ServeCommand.run(
            new String[] {"serve", "--host", "0.0.0.0"},
            DIR,
            "test",
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("without --api-key");
  }

  @Test
  void helpListsTheFaultOptions() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        ServeCommand.run(
            new String[] {"serve", "--help"},
            DIR,
            "test",
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "--fail-first",
            "--retry-after",
            "--max-body-bytes",
            "--down-for-ms",
            "--allowed-hosts",
            "--read-timeout");
  }

  @Test
  void allowedHostsAndReadTimeoutAreParsedWithSafeDefaults() {
    ServeOptions o =
        ServeArgs.parse(
            new String[] {"serve", "--allowed-hosts", "Traces.Internal, box", "--read-timeout=5"},
            DIR);
    assertThat(o.allowedHosts()).containsExactly("traces.internal", "box");
    assertThat(o.readTimeoutMillis()).isEqualTo(5000);
    ServeOptions d = ServeArgs.parse(new String[] {"serve"}, DIR);
    assertThat(d.allowedHosts()).isEmpty();
    assertThat(d.loopbackHostsOnly()).isTrue();
    assertThat(d.maxBodyBytes()).isEqualTo(31L << 20);
    assertThat(d.readTimeoutMillis()).isEqualTo(30_000);
  }

  @Test
  void projectsAreClosedAfterTenIdleMinutesByDefaultOrTheGivenSecondsOrNever() {
    assertThat(ServeArgs.parse(new String[] {"serve"}, DIR).projectIdleMillis()).isEqualTo(600_000);
    assertThat(
            ServeArgs.parse(new String[] {"serve", "--project-idle-timeout", "5"}, DIR)
                .projectIdleMillis())
        .isEqualTo(5_000);
    assertThat(
            ServeArgs.parse(new String[] {"serve", "--project-idle-timeout=0"}, DIR)
                .projectIdleMillis())
        .isZero();
    assertThatThrownBy(
            () -> ServeArgs.parse(new String[] {"serve", "--project-idle-timeout", "-1"}, DIR))
        .hasMessageContaining("--project-idle-timeout");
  }
}
