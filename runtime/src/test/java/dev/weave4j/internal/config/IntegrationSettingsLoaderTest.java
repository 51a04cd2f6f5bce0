package dev.weave4j.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weave4j.WeaveSettings;
import dev.weave4j.annotations.InputsPostprocessor;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weave.integrations.<name>.<setting>}: read from every source, checked when read. */
class IntegrationSettingsLoaderTest {

  @TempDir Path workDir;

  private final List<String> warnings = new ArrayList<>();

  /** A hook the system class loader finds, so it is checked at configuration time. */
  public static final class DropMessages implements InputsPostprocessor {
    @Override
    public Map<String, Object> apply(Map<String, Object> inputs) {
      return Map.of("model", inputs.get("model"));
    }
  }

  private WeaveSettings load(Map<String, String> sysProps, Map<String, String> agentArgs) {
    return SettingsLoader.load(
        sysProps,
        agentArgs,
        Map.of(),
        workDir,
        new URLClassLoader(new URL[0], null),
        warnings::add);
  }

  @Test
  void opSettingsAreReadFromPropertiesAgentArgumentsAndTheFileLaterSourcesWinning()
      throws IOException {
    Files.writeString(
        workDir.resolve("weave.properties"),
        "weave.integrations.openai.op_name=from_file\n"
            + "weave.integrations.openai.call_display_name={inputs.model}\n");
    WeaveSettings s =
        load(
            Map.of(
                "weave.integrations.openai.op_name",
                "from_property",
                "weave.integrations.anthropic.postprocess_inputs",
                DropMessages.class.getName()),
            SettingsLoader.parseAgentArgs("integrations.openai.include_stream_usage=false"));

    assertThat(s.integrationSettings().get("openai"))
        .containsEntry("op_name", "from_property")
        .containsEntry("call_display_name", "{inputs.model}")
        .containsEntry("include_stream_usage", "false");
    assertThat(s.integrationSettings().get("anthropic"))
        .containsEntry("postprocess_inputs", DropMessages.class.getName());
    assertThat(warnings).isEmpty();
  }

  @Test
  void aMistypedSettingIsNamedWithTheClosestIntegrationSetting() {
    WeaveSettings s = load(Map.of("weave.integrations.openai.op_nmae", "x"), Map.of());

    assertThat(s.integrationSettings()).isEmpty();
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("weave.integrations.openai.op_nmae")
        .contains("did you mean weave.integrations.openai.op_name?");
  }

  @Test
  void aBadValueIsAnErrorNamingTheKey() {
    assertThatThrownBy(() -> load(Map.of("weave.integrations.openai.op_name", " "), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weave.integrations.openai.op_name");
    assertThatThrownBy(
            () ->
                load(
                    Map.of("weave.integrations.openai.postprocess_inputs", "java.lang.String"),
                    Map.of()))
        .hasMessageContaining("weave.integrations.openai.postprocess_inputs")
        .hasMessageContaining("does not implement " + InputsPostprocessor.class.getName());
    assertThatThrownBy(
            () ->
                load(
                    Map.of("weave.integrations.openai.postprocess_output", "not a class"),
                    Map.of()))
        .hasMessageContaining("weave.integrations.openai.postprocess_output");
    assertThatThrownBy(
            () -> load(Map.of("weave.integrations.openai.include_stream_usage", "maybe"), Map.of()))
        .hasMessageContaining("weave.integrations.openai.include_stream_usage")
        .hasMessageContaining("auto, true or false");
    assertThatThrownBy(
            () ->
                load(
                    Map.of("weave.integrations.anthropic.include_stream_usage", "false"), Map.of()))
        .hasMessageContaining("weave.integrations.anthropic.include_stream_usage")
        .hasMessageContaining("openai integration only");
    assertThatThrownBy(() -> load(Map.of("weave.integrations.OpenAI.op_name", "x"), Map.of()))
        .hasMessageContaining("weave.integrations.OpenAI.op_name");
  }

  @Test
  void aHookClassTheSystemLoaderCannotSeeYetIsLookedUpAtTheFirstCall() {
    WeaveSettings s =
        load(Map.of("weave.integrations.openai.postprocess_output", "com.acme.Later"), Map.of());

    assertThat(s.integrationSettings().get("openai"))
        .containsEntry("postprocess_output", "com.acme.Later");
  }
}
