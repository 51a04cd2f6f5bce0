package dev.weave4j.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weave4j.WeaveSettings;
import dev.weave4j.WeaveSettings.Mode;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsLoaderTest {

  @TempDir Path workDir;

  /**
   * A class loader that sees nothing, so a stray weave.properties on the test class path is
   * ignored.
   */
  private final ClassLoader emptyLoader = new URLClassLoader(new URL[0], null);

  private WeaveSettings load(Map<String, String> sysProps, Map<String, String> env) {
    return SettingsLoader.load(sysProps, env, workDir, emptyLoader);
  }

  private void writeProperties(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void defaultsApplyWhenNothingIsConfigured() {
    WeaveSettings s = load(Map.of(), Map.of());

    assertThat(s.project()).isEqualTo("default");
    assertThat(s.mode()).isEqualTo(Mode.AUTO);
    assertThat(s.effectiveMode()).isEqualTo(Mode.LOCAL);
    assertThat(s.disabled()).isFalse();
    assertThat(s.serverUrl()).isEqualTo("https://trace.wandb.ai");
    assertThat(s.apiKey()).isNull();
    assertThat(s.localDir()).isEqualTo(Path.of(".weave"));
    assertThat(s.printCallLink()).isTrue();
    assertThat(s.implicitlyPatchIntegrations()).isTrue();
    assertThat(s.redactKeys())
        .containsExactlyInAnyOrder(
            "api_key", "authorization", "auth_headers", "password", "secret");
    assertThat(s.maxQueueBytes()).isEqualTo(64L * 1024 * 1024);
  }

  @Test
  void everyKeyIsReadFromSystemProperties() {
    Map<String, String> props = new HashMap<>();
    props.put("weave.project", "acme/chat");
    props.put("weave.mode", "remote");
    props.put("weave.disabled", "true");
    props.put("weave.server_url", "http://localhost:8080/");
    props.put("weave.api_key", "k-123");
    props.put("weave.local_dir", "/tmp/traces");
    props.put("weave.print_call_link", "false");
    props.put("weave.implicitly_patch_integrations", "false");
    props.put("weave.redact_keys", " Token , PASSWORD ,");
    props.put("weave.max_queue_bytes", "1MiB");

    WeaveSettings s = load(props, Map.of());

    assertThat(s.project()).isEqualTo("acme/chat");
    assertThat(s.entity()).isEqualTo("acme");
    assertThat(s.projectName()).isEqualTo("chat");
    assertThat(s.mode()).isEqualTo(Mode.REMOTE);
    assertThat(s.disabled()).isTrue();
    assertThat(s.serverUrl()).isEqualTo("http://localhost:8080");
    assertThat(s.apiKey()).isEqualTo("k-123");
    assertThat(s.localDir()).isEqualTo(Path.of("/tmp/traces"));
    assertThat(s.printCallLink()).isFalse();
    assertThat(s.implicitlyPatchIntegrations()).isFalse();
    assertThat(s.redactKeys()).containsExactlyInAnyOrder("token", "password");
    assertThat(s.maxQueueBytes()).isEqualTo(1L << 20);
  }

  @Test
  void everyKeyIsReadFromEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("WEAVE_PROJECT", "acme/chat");
    env.put("WEAVE_MODE", "LOCAL");
    env.put("WEAVE_DISABLED", "yes");
    env.put("WF_TRACE_SERVER_URL", "https://weave.example.com");
    env.put("WANDB_API_KEY", "k-env");
    env.put("WEAVE_LOCAL_DIR", "traces");
    env.put("WEAVE_PRINT_CALL_LINK", "no");
    env.put("WEAVE_IMPLICITLY_PATCH_INTEGRATIONS", "off");
    env.put("WEAVE_REDACT_KEYS", "x_key");
    env.put("WEAVE_MAX_QUEUE_BYTES", "512k");

    WeaveSettings s = load(Map.of(), env);

    assertThat(s.project()).isEqualTo("acme/chat");
    assertThat(s.mode()).isEqualTo(Mode.LOCAL);
    assertThat(s.disabled()).isTrue();
    assertThat(s.serverUrl()).isEqualTo("https://weave.example.com");
    assertThat(s.apiKey()).isEqualTo("k-env");
    assertThat(s.localDir()).isEqualTo(Path.of("traces"));
    assertThat(s.printCallLink()).isFalse();
    assertThat(s.implicitlyPatchIntegrations()).isFalse();
    assertThat(s.redactKeys()).containsExactly("x_key");
    assertThat(s.maxQueueBytes()).isEqualTo(512L * 1024);
  }

  @Test
  void everyKeyIsReadFromPropertiesFileInWorkingDirectory() throws IOException {
    writeProperties(
        workDir.resolve("weave.properties"),
        String.join(
            "\n",
            "weave.project=file-project",
            "weave.mode=local",
            "weave.disabled=1",
            "weave.server_url=https://file.example.com",
            "weave.api_key=k-file",
            "weave.local_dir=file-dir",
            "weave.print_call_link=0",
            "weave.implicitly_patch_integrations=off",
            "weave.redact_keys=a,b",
            "weave.max_queue_bytes=128 KB"));

    WeaveSettings s = load(Map.of(), Map.of());

    assertThat(s.project()).isEqualTo("file-project");
    assertThat(s.mode()).isEqualTo(Mode.LOCAL);
    assertThat(s.disabled()).isTrue();
    assertThat(s.serverUrl()).isEqualTo("https://file.example.com");
    assertThat(s.apiKey()).isEqualTo("k-file");
    assertThat(s.localDir()).isEqualTo(Path.of("file-dir"));
    assertThat(s.printCallLink()).isFalse();
    assertThat(s.implicitlyPatchIntegrations()).isFalse();
    assertThat(s.redactKeys()).containsExactlyInAnyOrder("a", "b");
    assertThat(s.maxQueueBytes()).isEqualTo(128L * 1024);
  }

  @Test
  void systemPropertyWinsOverEnvironmentWhichWinsOverFile() throws IOException {
    writeProperties(
        workDir.resolve("weave.properties"),
        "weave.project=from-file\nweave.local_dir=file-dir\nweave.mode=remote\n");
    Map<String, String> env = Map.of("WEAVE_PROJECT", "from-env", "WEAVE_LOCAL_DIR", "env-dir");
    Map<String, String> props = Map.of("weave.project", "from-prop");

    WeaveSettings s = load(props, env);

    assertThat(s.project()).isEqualTo("from-prop");
    assertThat(s.localDir()).isEqualTo(Path.of("env-dir"));
    assertThat(s.mode()).isEqualTo(Mode.REMOTE);
  }

  @Test
  void blankEnvironmentValueFallsThroughToFile() throws IOException {
    writeProperties(workDir.resolve("weave.properties"), "weave.project=from-file\n");

    WeaveSettings s = load(Map.of(), Map.of("WEAVE_PROJECT", "  "));

    assertThat(s.project()).isEqualTo("from-file");
  }

  @Test
  void explicitConfigFileIsUsedInsteadOfWorkingDirectoryFile() throws IOException {
    writeProperties(workDir.resolve("weave.properties"), "weave.project=from-workdir\n");
    Path explicit = workDir.resolve("conf/custom.properties");
    writeProperties(explicit, "weave.project=from-explicit\n");

    assertThat(load(Map.of("weave.config", explicit.toString()), Map.of()).project())
        .isEqualTo("from-explicit");
    assertThat(load(Map.of(), Map.of("WEAVE_CONFIG", "conf/custom.properties")).project())
        .isEqualTo("from-explicit");
  }

  @Test
  void missingExplicitConfigFileFailsNamingTheKey() {
    assertThatThrownBy(() -> load(Map.of("weave.config", "nope/weave.properties"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weave.config")
        .hasMessageContaining("nope");
  }

  @Test
  void classpathFileIsUsedWhenNoOtherFileExists() throws IOException {
    Path classpathRoot = workDir.resolve("cp");
    writeProperties(classpathRoot.resolve("weave.properties"), "weave.project=from-classpath\n");
    Path otherWorkDir = Files.createDirectories(workDir.resolve("empty"));

    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classpathRoot.toUri().toURL()}, null)) {
      WeaveSettings s = SettingsLoader.load(Map.of(), Map.of(), otherWorkDir, loader);
      assertThat(s.project()).isEqualTo("from-classpath");

      writeProperties(otherWorkDir.resolve("weave.properties"), "weave.project=from-workdir\n");
      assertThat(SettingsLoader.load(Map.of(), Map.of(), otherWorkDir, loader).project())
          .isEqualTo("from-workdir");
    }
  }

  @Test
  void unknownSystemPropertyKeyFailsNamingIt() {
    assertThatThrownBy(() -> load(Map.of("weave.projcet", "x"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weave.projcet");
  }

  @Test
  void unknownFileKeyFailsNamingIt() throws IOException {
    writeProperties(workDir.resolve("weave.properties"), "weave.project=p\nweave.colour=blue\n");

    assertThatThrownBy(() -> load(Map.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weave.colour");
  }

  @Test
  void unrelatedSystemPropertiesAndEnvironmentAreIgnored() {
    WeaveSettings s =
        load(
            Map.of("java.version", "17", "weaver.x", "y"),
            Map.of("WEAVE_SOMETHING_ELSE", "1", "PATH", "/bin"));

    assertThat(s.project()).isEqualTo("default");
  }

  @ParameterizedTest
  @CsvSource({
    "weave.mode, sometimes",
    "weave.disabled, maybe",
    "weave.print_call_link, 2",
    "weave.implicitly_patch_integrations, enabled",
    "weave.max_queue_bytes, lots",
    "weave.max_queue_bytes, 12TB",
    "weave.max_queue_bytes, -5",
    "weave.max_queue_bytes, 1k",
    "weave.max_queue_bytes, 99999999999999999999",
    "weave.max_queue_bytes, 9999999999999999g",
    "weave.server_url, ftp://example.com",
    "weave.project, a/b/c",
    "weave.project, /p",
  })
  void badValueFailsNamingTheKey(String key, String value) {
    assertThatThrownBy(() -> load(Map.of(key, value), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(key);
  }

  @Test
  void badValueFromEnvironmentFailsNamingTheKey() {
    assertThatThrownBy(() -> load(Map.of(), Map.of("WEAVE_MAX_QUEUE_BYTES", "big")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weave.max_queue_bytes");
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "TRUE", "yes", "Yes", "1", "on", " on "})
  void trueSpellingsAreAccepted(String value) {
    assertThat(load(Map.of("weave.disabled", value), Map.of()).disabled()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "FALSE", "no", "0", "off", "Off"})
  void falseSpellingsAreAccepted(String value) {
    assertThat(load(Map.of("weave.print_call_link", value), Map.of()).printCallLink()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "67108864, 67108864",
    "64MiB, 67108864",
    "64mb, 67108864",
    "64M, 67108864",
    "512k, 524288",
    "512 KB, 524288",
    "512KiB, 524288",
    "1g, 1073741824",
    "1GiB, 1073741824",
    "65536b, 65536",
  })
  void sizesAreParsedWithBinaryUnits(String value, long expected) {
    assertThat(ByteSize.parse("weave.max_queue_bytes", value)).isEqualTo(expected);
    assertThat(load(Map.of("weave.max_queue_bytes", value), Map.of()).maxQueueBytes())
        .isEqualTo(expected);
  }

  @Test
  void wandbBaseUrlSelectsItsTraceServer() {
    assertThat(load(Map.of(), Map.of("WANDB_BASE_URL", "https://wandb.acme.corp/")).serverUrl())
        .isEqualTo("https://wandb.acme.corp/traces");
  }

  @Test
  void publicWandbBaseUrlKeepsDefaultTraceServer() {
    assertThat(load(Map.of(), Map.of("WANDB_BASE_URL", "https://api.wandb.ai")).serverUrl())
        .isEqualTo("https://trace.wandb.ai");
    assertThat(load(Map.of(), Map.of("WANDB_BASE_URL", "https://api.wandb.ai/")).serverUrl())
        .isEqualTo("https://trace.wandb.ai");
  }

  @Test
  void traceServerUrlOverridesWandbBaseUrl() {
    Map<String, String> env =
        Map.of(
            "WANDB_BASE_URL", "https://wandb.acme.corp",
            "WF_TRACE_SERVER_URL", "https://traces.acme.corp");

    assertThat(load(Map.of(), env).serverUrl()).isEqualTo("https://traces.acme.corp");
    assertThat(load(Map.of("weave.server_url", "http://127.0.0.1:9"), env).serverUrl())
        .isEqualTo("http://127.0.0.1:9");
  }

  @Test
  void badWandbBaseUrlFailsNamingIt() {
    assertThatThrownBy(() -> load(Map.of(), Map.of("WANDB_BASE_URL", "wandb.acme.corp")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WANDB_BASE_URL");
  }

  @Test
  void apiKeyMakesAutoModeRemote() {
    WeaveSettings s = load(Map.of(), Map.of("WANDB_API_KEY", "k"));

    assertThat(s.mode()).isEqualTo(Mode.AUTO);
    assertThat(s.effectiveMode()).isEqualTo(Mode.REMOTE);
    assertThat(s.toString()).doesNotContain("k,").contains("apiKey=set");
  }

  @Test
  void projectWithoutEntityIsLocal() {
    WeaveSettings s = load(Map.of("weave.project", "chat"), Map.of());

    assertThat(s.projectId()).isEqualTo("local/chat");
    assertThat(s.projectDir()).isEqualTo(Path.of(".weave", "local", "chat"));
    assertThat(s.redactKeys()).isEqualTo(Set.copyOf(WeaveSettings.DEFAULT_REDACT_KEYS));
  }

  @Test
  void integrationsAreOnByDefaultAndTurnedOffOneByOneOrAllAtOnce() throws IOException {
    assertThat(load(Map.of(), Map.of()).integrationEnabled("openai")).isTrue();

    writeProperties(
        workDir.resolve("weave.properties"), "weave.integrations.anthropic.enabled=false\n");
    WeaveSettings some = load(Map.of("weave.integrations.openai.enabled", "false"), Map.of());
    assertThat(some.integrationEnabled("openai")).isFalse();
    assertThat(some.integrationEnabled("anthropic")).isFalse();
    assertThat(some.integrationEnabled("google_genai")).isTrue();
    assertThat(some.disabledIntegrations()).containsExactlyInAnyOrder("openai", "anthropic");

    WeaveSettings none = load(Map.of(), Map.of("WEAVE_IMPLICITLY_PATCH_INTEGRATIONS", "false"));
    assertThat(none.integrationEnabled("google_genai")).isFalse();
  }

  @Test
  void aSystemPropertyTurnsBackOnAnIntegrationTheFileTurnedOff() throws IOException {
    writeProperties(
        workDir.resolve("weave.properties"), "weave.integrations.openai.enabled=false\n");

    assertThat(
            load(Map.of("weave.integrations.openai.enabled", "true"), Map.of())
                .integrationEnabled("openai"))
        .isTrue();
  }

  @Test
  void aBadIntegrationSwitchFailsNamingTheKey() {
    assertThatThrownBy(
            () -> load(Map.of("weave.integrations.openai.enabled", "sometimes"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weave.integrations.openai.enabled");
    assertThatThrownBy(() -> load(Map.of("weave.integrations.openai", "false"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown configuration key weave.integrations.openai");
  }

  @Test
  void debugIsReadFromPropertyOrEnvironment() {
    assertThat(load(Map.of(), Map.of()).debug()).isFalse();
    assertThat(load(Map.of("weave.debug", "true"), Map.of()).debug()).isTrue();
    assertThat(load(Map.of(), Map.of("WEAVE_DEBUG", "true")).debug()).isTrue();
  }
}
