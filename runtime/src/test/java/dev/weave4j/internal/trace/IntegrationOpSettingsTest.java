package dev.weave4j.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.Weave;
import dev.weave4j.annotations.OutputPostprocessor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Op settings of library integrations ({@code Weave.integrations().configure}, {@code
 * weave.integrations.<name>.<setting>}) apply in {@link LlmCall}, so to every integration alike.
 */
class IntegrationOpSettingsTest {

  private final TracerFixture f = new TracerFixture();

  /** An op as any integration declares it. */
  private static final OpDescriptor ACME =
      OpDescriptor.builder("acme.chat.create", "create").kind("llm").integration("acme").build();

  private static final OpDescriptor OTHER =
      OpDescriptor.builder("other.chat.create", "create").kind("llm").integration("other").build();

  /** An output hook with a public no-arg constructor. */
  public static final class OnlyText implements OutputPostprocessor {
    @Override
    public Object apply(Object output) {
      return Map.of("text", ((Map<?, ?>) output).get("text"));
    }
  }

  @AfterEach
  void forgetSettings() {
    IntegrationOps.reset();
  }

  private static Map<String, Object> request() {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("model", "acme-1");
    inputs.put("messages", List.of(Map.of("role", "user", "content", "my email is a@b.c")));
    return inputs;
  }

  private static Map<String, Object> response() {
    return Map.of(
        "model", "acme-1", "text", "hi", "usage", Map.of("input_tokens", 3, "output_tokens", 2));
  }

  /** One call of {@code op}, as an integration makes it; its start record, or null. */
  private TracerFixture.Start call(OpDescriptor op) {
    int before = f.starts().size();
    LlmCall call = LlmCall.start(f.tracer, op, request(), Map.of("provider", "acme"));
    if (call == null) {
      return null;
    }
    call.end(response(), null);
    assertThat(f.starts()).hasSize(before + 1);
    return f.starts().get(before);
  }

  @Test
  void opNameDisplayNameAndHooksChangeWhatIsRecordedNotTheUsage() {
    Weave.integrations()
        .configure(
            "acme",
            s ->
                s.opName("my_llm")
                    .callDisplayName("{inputs.model} answer")
                    .postprocessInputs(in -> Map.of("model", in.get("model")))
                    .postprocessOutput(OnlyText.class));

    TracerFixture.Start start = call(ACME);

    assertThat(start.opName()).isEqualTo("my_llm");
    assertThat(start.displayName()).isEqualTo("acme-1 answer");
    assertThat(start.inputs().toString()).isEqualTo("{\"model\":\"acme-1\"}");
    TracerFixture.End end = f.end(start.id());
    assertThat(end.output().toString()).isEqualTo("{\"text\":\"hi\"}");
    JsonNode usage = end.summary().path("usage").path("acme-1");
    assertThat(usage.path("input_tokens").asInt()).isEqualTo(3);
    assertThat(usage.path("requests").asInt()).isEqualTo(1);
  }

  @Test
  void otherIntegrationsKeepTheirDefaults() {
    Weave.integrations().configure("acme", s -> s.opName("my_llm"));

    TracerFixture.Start start = call(OTHER);

    assertThat(start.opName()).isEqualTo("other.chat.create");
    assertThat(start.displayName()).isNull();
    assertThat(start.inputs().path("messages").isArray()).isTrue();
  }

  @Test
  void codeWinsOverTheConfigurationSettingBySettingAndLaterChangesApplyToLaterCalls() {
    IntegrationOps.useSettings(
        Map.of("acme", Map.of("op_name", "from_config", "call_display_name", "config")));
    assertThat(call(ACME).displayName()).isEqualTo("config");

    Weave.integrations().configure("acme", s -> s.callDisplayName("code"));
    TracerFixture.Start start = call(ACME);

    assertThat(start.opName()).isEqualTo("from_config");
    assertThat(start.displayName()).isEqualTo("code");
  }

  @Test
  void anIntegrationTurnedOffInCodeRecordsNothingUntilTurnedOnAgain() {
    Weave.integrations().configure("acme", s -> s.enabled(false));
    assertThat(call(ACME)).isNull();
    assertThat(f.starts()).isEmpty();

    Weave.integrations().configure("acme", s -> s.enabled(true));
    assertThat(call(ACME)).isNotNull();
  }

  @Test
  void aFailingInputsHookRecordsAMarkerNeverTheInputs() {
    Weave.integrations()
        .configure(
            "acme",
            s ->
                s.postprocessInputs(
                    in -> {
                      throw new IllegalStateException("redactor down");
                    }));

    TracerFixture.Start start = call(ACME);

    assertThat(start.inputs().toString()).doesNotContain("a@b.c").contains("redactor down");
  }

  @Test
  void aNestedCallOfTheSameConfiguredOpIsOneCall() {
    Weave.integrations().configure("acme", s -> s.opName("my_llm"));
    LlmCall outer = LlmCall.start(f.tracer, ACME, request(), null);
    LlmCall inner = LlmCall.start(f.tracer, ACME, request(), null);
    outer.end(response(), null);

    assertThat(inner).isNull();
    assertThat(f.starts()).hasSize(1);
  }

  /** A hook without a public no-arg constructor. */
  public static final class NeedsArgs implements OutputPostprocessor {
    public NeedsArgs(String unused) {}

    @Override
    public Object apply(Object output) {
      return output;
    }
  }

  @Test
  void badSettingsAreRefusedWhenConfiguredNamingTheKeyAndChangeNothing() {
    assertThatThrownBy(() -> Weave.integrations().configure("Acme", s -> s.opName("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Acme'");
    assertThatThrownBy(() -> Weave.integrations().configure("acme", s -> s.opName(" ")))
        .hasMessageContaining("weave.integrations.acme.op_name");
    assertThatThrownBy(
            () ->
                Weave.integrations()
                    .configure("acme", s -> s.opName("x").postprocessOutput(NeedsArgs.class)))
        .hasMessageContaining("weave.integrations.acme.postprocess_output")
        .hasMessageContaining("public no-arg constructor");
    assertThatThrownBy(
            () -> Weave.integrations().configure("acme", s -> s.includeStreamUsage(false)))
        .hasMessageContaining("weave.integrations.acme.include_stream_usage");

    assertThat(call(ACME).opName()).isEqualTo("acme.chat.create");
  }
}
