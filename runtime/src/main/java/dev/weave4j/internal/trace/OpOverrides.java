package dev.weave4j.internal.trace;

import dev.weave4j.annotations.CallDisplayName;
import dev.weave4j.annotations.InputsPostprocessor;
import dev.weave4j.annotations.OutputPostprocessor;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Internal, unstable. One library integration's settings, as Weave's {@code
 * IntegrationSettings(enabled, op_settings=OpSettings(name, call_display_name, postprocess_inputs,
 * postprocess_output))}: each part null when not set, so that layers (the configuration, then the
 * code) merge part by part. Immutable; made by its {@link Builder}, which checks every value.
 */
public final class OpOverrides {

  /** The setting names, as in {@code weave.integrations.<name>.<setting>}. */
  public static final String ENABLED = "enabled";

  public static final String OP_NAME = "op_name";
  public static final String CALL_DISPLAY_NAME = "call_display_name";
  public static final String POSTPROCESS_INPUTS = "postprocess_inputs";
  public static final String POSTPROCESS_OUTPUT = "postprocess_output";
  public static final String INCLUDE_STREAM_USAGE = "include_stream_usage";

  /** Every setting name, in the order the documentation lists them. */
  public static final List<String> SETTINGS =
      List.of(
          ENABLED,
          OP_NAME,
          CALL_DISPLAY_NAME,
          POSTPROCESS_INPUTS,
          POSTPROCESS_OUTPUT,
          INCLUDE_STREAM_USAGE);

  /** The integration whose chat streams {@link #INCLUDE_STREAM_USAGE} applies to. */
  public static final String OPENAI = "openai";

  static final OpOverrides NONE = new Builder("").build();

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_]*");
  private static final Pattern CLASS_NAME =
      Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

  final Boolean enabled;
  final String opName;
  final String displayNameTemplate;
  final HookRef<CallDisplayName> displayNameFn;
  final HookRef<InputsPostprocessor> inputsHook;
  final HookRef<OutputPostprocessor> outputHook;
  final String streamUsage;

  private OpOverrides(Builder b) {
    this.enabled = b.enabled;
    this.opName = b.opName;
    this.displayNameTemplate = b.displayNameTemplate;
    this.displayNameFn = b.displayNameFn;
    this.inputsHook = b.inputsHook;
    this.outputHook = b.outputHook;
    this.streamUsage = b.streamUsage;
  }

  /** These settings with {@code over}'s set parts in place of theirs. */
  OpOverrides with(OpOverrides over) {
    Builder b = new Builder("");
    b.enabled = over.enabled != null ? over.enabled : enabled;
    b.opName = over.opName != null ? over.opName : opName;
    boolean name = over.displayNameTemplate != null || over.displayNameFn != null;
    b.displayNameTemplate = name ? over.displayNameTemplate : displayNameTemplate;
    b.displayNameFn = name ? over.displayNameFn : displayNameFn;
    b.inputsHook = over.inputsHook != null ? over.inputsHook : inputsHook;
    b.outputHook = over.outputHook != null ? over.outputHook : outputHook;
    b.streamUsage = over.streamUsage != null ? over.streamUsage : streamUsage;
    return b.build();
  }

  /** Whether these settings change nothing of an op. */
  boolean keepsOps() {
    return opName == null
        && displayNameTemplate == null
        && displayNameFn == null
        && inputsHook == null
        && outputHook == null;
  }

  /** {@code op} as these settings make it. */
  OpDescriptor apply(OpDescriptor op) {
    if (keepsOps()) {
      return op;
    }
    OpDescriptor.Builder b = op.toBuilder(opName != null ? opName : op.opName());
    if (displayNameTemplate != null || displayNameFn != null) {
      b.displayNameTemplate(displayNameTemplate).displayNameFn(displayNameFn);
    }
    if (inputsHook != null) {
      b.inputsHook(inputsHook);
    }
    if (outputHook != null) {
      b.outputHook(outputHook);
    }
    return b.build();
  }

  /**
   * Checks an integration's settings name.
   *
   * @throws IllegalArgumentException when it is not lower-case letters, digits and underscores
   */
  public static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "integration name '"
              + name
              + "': expected lower-case letters, digits and '_', e.g. openai, anthropic,"
              + " google_genai");
    }
    return name;
  }

  /**
   * Sets integration settings one by one, each checked when set; an error names the setting's key
   * ({@code weave.integrations.<name>.<setting>}).
   */
  public static final class Builder {
    private final String integration;
    private Boolean enabled;
    private String opName;
    private String displayNameTemplate;
    private HookRef<CallDisplayName> displayNameFn;
    private HookRef<InputsPostprocessor> inputsHook;
    private HookRef<OutputPostprocessor> outputHook;
    private String streamUsage;

    /** Settings of integration {@code integration} (checked by the caller). */
    public Builder(String integration) {
      this.integration = integration;
    }

    /** The key of {@code setting} for this integration, for error messages. */
    String key(String setting) {
      return "weave.integrations." + integration + "." + setting;
    }

    /**
     * Sets {@code setting} from its text form (a configuration value), as the typed setters do;
     * {@link #ENABLED} is not taken here (it decides what the agent instruments at start-up).
     *
     * @throws IllegalArgumentException naming the key, for an unknown setting or a bad value
     */
    public Builder set(String setting, String value, ClassLoader loader) {
      String v = value == null ? "" : value.trim();
      switch (setting) {
        case OP_NAME -> opName(v);
        case CALL_DISPLAY_NAME -> displayName(v);
        case POSTPROCESS_INPUTS ->
            inputsHook(hook(POSTPROCESS_INPUTS, v, loader, InputsPostprocessor.class));
        case POSTPROCESS_OUTPUT ->
            outputHook(hook(POSTPROCESS_OUTPUT, v, loader, OutputPostprocessor.class));
        case INCLUDE_STREAM_USAGE -> streamUsage(v);
        default ->
            throw new IllegalArgumentException(
                key(setting) + ": unknown setting; known: " + String.join(", ", SETTINGS));
      }
      return this;
    }

    /** Whether the integration records calls. */
    public Builder enabled(boolean on) {
      this.enabled = on;
      return this;
    }

    /** The op name of every call the integration records, as Weave's {@code op_settings.name}. */
    public Builder opName(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException(key(OP_NAME) + ": must not be empty");
      }
      this.opName = name.trim();
      return this;
    }

    /** A display-name template, as {@code @WeaveOp(callDisplayName)}. */
    public Builder displayName(String template) {
      if (template == null || template.isBlank()) {
        throw new IllegalArgumentException(key(CALL_DISPLAY_NAME) + ": must not be empty");
      }
      this.displayNameTemplate = template;
      this.displayNameFn = null;
      return this;
    }

    /** A display-name function, as {@code @WeaveOp(callDisplayNameFn)}. */
    public Builder displayName(HookRef<CallDisplayName> fn) {
      this.displayNameFn = fn;
      this.displayNameTemplate = "";
      return this;
    }

    /** The inputs postprocessor. */
    public Builder inputsHook(HookRef<InputsPostprocessor> hook) {
      this.inputsHook = hook;
      return this;
    }

    /** The output postprocessor. */
    public Builder outputHook(HookRef<OutputPostprocessor> hook) {
      this.outputHook = hook;
      return this;
    }

    /**
     * Whether an OpenAI chat stream asks for usage the caller did not ask for: {@code auto}
     * (OpenAI's and Azure's hosts), {@code true} (every host) or {@code false} (never: the request
     * is sent as the caller built it).
     */
    public Builder streamUsage(String mode) {
      if (!OPENAI.equals(integration)) {
        throw new IllegalArgumentException(
            key(INCLUDE_STREAM_USAGE) + ": applies to the openai integration only");
      }
      String m = mode == null ? "" : mode.trim().toLowerCase(Locale.ROOT);
      switch (m) {
        case "auto", "true", "false" -> this.streamUsage = m;
        default ->
            throw new IllegalArgumentException(
                key(INCLUDE_STREAM_USAGE) + ": expected auto, true or false, got '" + mode + "'");
      }
      return this;
    }

    /**
     * A hook of type {@code type} from a class name: checked now when {@code loader} finds the
     * class (it must implement {@code type} and have a public no-arg constructor), otherwise looked
     * up through the context class loader of the first call's thread (a failure then records a
     * marker in place of the value, never the value itself).
     */
    public <T> HookRef<T> hook(
        String setting, String className, ClassLoader loader, Class<T> type) {
      if (!CLASS_NAME.matcher(className).matches()) {
        throw new IllegalArgumentException(
            key(setting)
                + ": expected a class name implementing "
                + type.getName()
                + ", got '"
                + className
                + "'");
      }
      Class<?> c;
      try {
        c = Class.forName(className, false, loader);
      } catch (ClassNotFoundException | LinkageError notHereYet) {
        return HookRef.fromContext(className, type);
      }
      return HookRef.lazy(checkHook(setting, c, type).getName(), c.getClassLoader(), type);
    }

    /**
     * Checks that {@code c} can be made into a hook of {@code type}.
     *
     * @throws IllegalArgumentException naming the key, when it cannot
     */
    public <T> Class<?> checkHook(String setting, Class<?> c, Class<T> type) {
      if (!type.isAssignableFrom(c)) {
        throw new IllegalArgumentException(
            key(setting) + ": " + c.getName() + " does not implement " + type.getName());
      }
      try {
        if (!Modifier.isPublic(c.getConstructor().getModifiers())
            || Modifier.isAbstract(c.getModifiers())) {
          throw new NoSuchMethodException();
        }
      } catch (NoSuchMethodException | SecurityException e) {
        throw new IllegalArgumentException(
            key(setting) + ": " + c.getName() + " needs a public no-arg constructor", e);
      }
      return c;
    }

    /** The settings. */
    public OpOverrides build() {
      return new OpOverrides(this);
    }
  }
}
