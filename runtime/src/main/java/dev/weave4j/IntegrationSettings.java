package dev.weave4j;

import dev.weave4j.annotations.CallDisplayName;
import dev.weave4j.annotations.InputsPostprocessor;
import dev.weave4j.annotations.OutputPostprocessor;
import dev.weave4j.internal.trace.HookRef;
import dev.weave4j.internal.trace.OpOverrides;
import java.util.Objects;

/**
 * The settings of one library integration, as Weave's {@code IntegrationSettings(enabled,
 * op_settings=OpSettings(name, call_display_name, postprocess_inputs, postprocess_output))}: given
 * to the function of {@link Integrations#configure}. Each setter checks its value at once and
 * throws {@link IllegalArgumentException} naming the setting's key ({@code
 * weave.integrations.<name>.<setting>}); a setting not set keeps its configured value.
 *
 * <p>Every call the integration records is changed alike: its op name, display name, and the inputs
 * and output recorded (never what the SDK sends or returns to the application). Hooks run as they
 * do for {@code @WeaveOp}: after redaction, and a hook that throws records a marker in place of the
 * value, never the value itself.
 */
public final class IntegrationSettings {

  private final OpOverrides.Builder settings;

  IntegrationSettings(OpOverrides.Builder settings) {
    this.settings = settings;
  }

  /**
   * Whether the integration records calls (default true). {@code false} leaves the SDK's calls
   * untraced from now on; {@code true} cannot undo {@code weave.integrations.<name>.enabled=false},
   * which keeps the agent from instrumenting the library at all.
   */
  public IntegrationSettings enabled(boolean enabled) {
    settings.enabled(enabled);
    return this;
  }

  /**
   * The op name of every call the integration records, in place of its default ones ({@code
   * openai.chat.completions.create}, ...), as {@code op_settings.name} does ({@code
   * weave.integrations.<name>.op_name}).
   *
   * @throws IllegalArgumentException when empty
   */
  public IntegrationSettings opName(String opName) {
    settings.opName(opName);
    return this;
  }

  /**
   * A display-name template for its calls, as {@code @WeaveOp(callDisplayName)}: e.g. {@code "{op}:
   * {inputs.model}"} ({@code weave.integrations.<name>.call_display_name}).
   *
   * @throws IllegalArgumentException when empty
   */
  public IntegrationSettings callDisplayName(String template) {
    settings.displayName(template);
    return this;
  }

  /** A function computing its calls' display names, as {@code @WeaveOp(callDisplayNameFn)}. */
  public IntegrationSettings callDisplayName(CallDisplayName fn) {
    settings.displayName(HookRef.of(Objects.requireNonNull(fn, "fn"), CallDisplayName.class));
    return this;
  }

  /**
   * The inputs recorded for its calls (the request as the provider's JSON, redacted) pass through
   * {@code hook}, e.g. to remove personal data ({@code
   * weave.integrations.<name>.postprocess_inputs} names such a class).
   *
   * @throws IllegalArgumentException when {@code hook} has no public no-arg constructor
   */
  public IntegrationSettings postprocessInputs(Class<? extends InputsPostprocessor> hook) {
    settings.inputsHook(hookOf(OpOverrides.POSTPROCESS_INPUTS, hook, InputsPostprocessor.class));
    return this;
  }

  /** As {@link #postprocessInputs(Class)}, with the hook itself (a lambda, say). */
  public IntegrationSettings postprocessInputs(InputsPostprocessor hook) {
    settings.inputsHook(
        HookRef.of(Objects.requireNonNull(hook, "hook"), InputsPostprocessor.class));
    return this;
  }

  /**
   * The output recorded for its calls (the response as the provider's JSON, redacted; for a stream,
   * the response the SDK's accumulator rebuilt) passes through {@code hook} ({@code
   * weave.integrations.<name>.postprocess_output}). Token usage is counted from the response
   * itself.
   *
   * @throws IllegalArgumentException when {@code hook} has no public no-arg constructor
   */
  public IntegrationSettings postprocessOutput(Class<? extends OutputPostprocessor> hook) {
    settings.outputHook(hookOf(OpOverrides.POSTPROCESS_OUTPUT, hook, OutputPostprocessor.class));
    return this;
  }

  /** As {@link #postprocessOutput(Class)}, with the hook itself. */
  public IntegrationSettings postprocessOutput(OutputPostprocessor hook) {
    settings.outputHook(
        HookRef.of(Objects.requireNonNull(hook, "hook"), OutputPostprocessor.class));
    return this;
  }

  /**
   * OpenAI only: whether a chat completions stream asks for token usage ({@code
   * stream_options.include_usage}) when the caller did not, hiding the extra usage-only chunk from
   * the caller. By default it does against OpenAI's and Azure's hosts only; {@code true}: against
   * every host; {@code false}: never, the request is sent exactly as the caller built it ({@code
   * weave.integrations.openai.include_stream_usage=auto|true|false}).
   *
   * @throws IllegalArgumentException for an integration other than {@code openai}
   */
  public IntegrationSettings includeStreamUsage(boolean include) {
    settings.streamUsage(Boolean.toString(include));
    return this;
  }

  private <T> HookRef<T> hookOf(String setting, Class<? extends T> hook, Class<T> type) {
    Objects.requireNonNull(hook, "hook");
    settings.checkHook(setting, hook, type);
    return HookRef.lazy(hook.getName(), hook.getClassLoader(), type);
  }
}
