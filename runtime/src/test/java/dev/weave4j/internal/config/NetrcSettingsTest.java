package dev.weave4j.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weave4j.WeaveSettings;
import dev.weave4j.WeaveSettings.Mode;
import dev.weave4j.internal.remote.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetrcSettingsTest {

  @TempDir Path home;

  private WeaveSettings load(Map<String, String> props, Map<String, String> env) {
    return SettingsLoader.load(props, env, home, null);
  }

  @Test
  void apiKeyIsReadFromNetrcEntryOfTheWandbApiHost() throws IOException {
    Files.writeString(
        home.resolve(".netrc"),
        "machine github.com login x password nope\nmachine api.wandb.ai\n  login user\n  password"
            + " k-netrc\n");

    WeaveSettings s = load(Map.of("user.home", home.toString()), Map.of());

    assertThat(s.apiKey()).isEqualTo("k-netrc");
    assertThat(s.effectiveMode()).isEqualTo(Mode.REMOTE);
  }

  @Test
  void netrcEntryFollowsWandbBaseUrlHost() throws IOException {
    Files.writeString(
        home.resolve(".netrc"),
        "machine api.wandb.ai login u password cloud\nmachine wandb.acme.corp login u password"
            + " onprem\n");

    WeaveSettings s =
        load(
            Map.of("user.home", home.toString()),
            Map.of("WANDB_BASE_URL", "https://wandb.acme.corp"));

    assertThat(s.apiKey()).isEqualTo("onprem");
    assertThat(s.serverUrl()).isEqualTo("https://wandb.acme.corp/traces");
  }

  @Test
  void environmentKeyWinsOverNetrcAndLocalModeReadsNoNetrc() throws IOException {
    Files.writeString(home.resolve(".netrc"), "machine api.wandb.ai login u password netrc\n");

    assertThat(load(Map.of("user.home", home.toString()), Map.of("WANDB_API_KEY", "env")).apiKey())
        .isEqualTo("env");
    assertThat(load(Map.of("user.home", home.toString(), "weave.mode", "local"), Map.of()).apiKey())
        .isNull();
  }

  @Test
  void wandbEntityCompletesAProjectNameInRemoteMode() {
    WeaveSettings s =
        load(Map.of("weave.project", "chat"), Map.of("WANDB_API_KEY", "k", "WANDB_ENTITY", "acme"));

    assertThat(s.projectId()).isEqualTo("acme/chat");
  }

  @Test
  void remoteModeWithoutEntityFailsSayingWhatToSet() {
    WeaveSettings s = load(Map.of("weave.project", "chat"), Map.of("WANDB_API_KEY", "k-secret"));

    assertThatThrownBy(() -> ServerConfig.of(s))
        .hasMessageContaining("weave.project")
        .hasMessageContaining("entity/project")
        .hasMessageNotContaining("k-secret");
  }

  @Test
  void forcedRemoteModeWithoutKeyFailsSayingWhereKeysComeFrom() {
    WeaveSettings s = load(Map.of("weave.project", "acme/chat", "weave.mode", "remote"), Map.of());

    assertThatThrownBy(() -> ServerConfig.of(s))
        .hasMessageContaining("WANDB_API_KEY")
        .hasMessageContaining("netrc");
  }

  @Test
  void netrcDefaultEntryAppliesWhenNoMachineMatches() {
    assertThat(Netrc.password("machine a login b password c\ndefault login x password d", "z"))
        .isEqualTo("d");
    assertThat(Netrc.password("machine a login b password c", "z")).isNull();
  }
}
