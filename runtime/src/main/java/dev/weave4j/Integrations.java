package dev.weave4j;

import dev.weave4j.internal.trace.IntegrationOps;
import dev.weave4j.internal.trace.OpOverrides;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The library integrations (LLM SDKs traced by the agent with no code change), configured in code
 * as Weave's {@code patch_openai(settings={"op_settings": {...}})}: {@code
 * Weave.integrations().configure("openai", s -> s.postprocessInputs(MyRedactor.class))}.
 *
 * <p>Names are the integrations' settings names ({@code openai}, {@code anthropic}, {@code
 * google_genai}, ...; the agent's start-up report with {@code weave.debug=true} lists them). What
 * is set here applies to calls started afterwards (configure before the first call), wins over the
 * same setting in the configuration ({@code weave.integrations.<name>.<setting>}) and stays for the
 * life of the JVM. Without the agent nothing records SDK calls, and settings have no effect.
 */
public final class Integrations {

  static final Integrations INSTANCE = new Integrations();

  private Integrations() {}

  /**
   * Changes the settings of integration {@code name}: those {@code settings} sets; the others keep
   * their value.
   *
   * @return this, to configure the next one
   * @throws IllegalArgumentException for a malformed name or a bad value (naming the setting's
   *     key); then nothing is changed
   */
  public Integrations configure(String name, Consumer<? super IntegrationSettings> settings) {
    Objects.requireNonNull(settings, "settings");
    OpOverrides.Builder b = new OpOverrides.Builder(OpOverrides.checkName(name));
    settings.accept(new IntegrationSettings(b));
    IntegrationOps.configure(name, b.build());
    return this;
  }
}
