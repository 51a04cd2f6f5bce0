package dev.weave4j.internal.trace;

import dev.weave4j.annotations.Accumulator;
import dev.weave4j.annotations.CallDisplayName;
import dev.weave4j.annotations.InputsPostprocessor;
import dev.weave4j.annotations.OutputPostprocessor;
import dev.weave4j.internal.serialize.InputFields;
import dev.weave4j.internal.serialize.Redactor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Internal, unstable. Everything the tracer needs to know about one op, built once (by the agent at
 * instrumentation time, or by the API) so that nothing is looked up per call.
 */
public final class OpDescriptor {

  private final String opName;
  private final String funcName;
  private final String[] inputNames;
  private final int[] inputIndexes;
  private final String kind;
  private final double sampleRate;
  private final String displayNameTemplate;
  private final HookRef<CallDisplayName> displayNameFn;
  private final HookRef<InputsPostprocessor> inputsHook;
  private final HookRef<OutputPostprocessor> outputHook;

  @SuppressWarnings("rawtypes")
  private final HookRef<Accumulator> accumulator;

  private final ReturnShape returnShape;
  private final int parameterCount;
  private final boolean forwardingProxy;
  private final String integration;

  /**
   * This op as its integration's settings make it ({@link IntegrationOps#resolve}), with the
   * settings' generation it was made for; null until the first call of an integration op.
   */
  volatile IntegrationOps.Resolved resolved;

  /**
   * The JSON of the attributes of a call of this op when the caller adds none (only the client's
   * own {@code weave} attributes, which depend on the kind): serialized once, by the first call.
   */
  volatile byte[] plainAttributesJson;

  /**
   * The recorded parameters prepared for the active runtime's redactor (built by the first call).
   */
  private volatile InputFields inputFields;

  private OpDescriptor(Builder b) {
    this.opName = OpNames.sanitize(b.opName);
    this.funcName = b.funcName;
    int recorded = 0;
    for (int i = 0; i < b.parameterNames.size(); i++) {
      if (!b.ignored[i]) {
        recorded++;
      }
    }
    this.inputNames = new String[recorded];
    this.inputIndexes = new int[recorded];
    for (int i = 0, j = 0; i < b.parameterNames.size(); i++) {
      if (!b.ignored[i]) {
        inputNames[j] = b.parameterNames.get(i);
        inputIndexes[j++] = i;
      }
    }
    this.kind = b.kind;
    this.sampleRate = b.sampleRate;
    this.displayNameTemplate = b.displayNameTemplate;
    this.displayNameFn = b.displayNameFn;
    this.inputsHook = b.inputsHook;
    this.outputHook = b.outputHook;
    this.accumulator = b.accumulator;
    this.returnShape = b.returnShape;
    this.parameterCount = b.parameterNames.size();
    this.forwardingProxy = b.forwardingProxy;
    this.integration = b.integration;
  }

  /**
   * A builder for the op {@code opName} (sanitised as Weave object ids are) of Java method {@code
   * funcName}.
   */
  public static Builder builder(String opName, String funcName) {
    return new Builder(opName, funcName);
  }

  /** The op name recorded as {@code op_name}. */
  public String opName() {
    return opName;
  }

  /** The Java method name. */
  public String funcName() {
    return funcName;
  }

  /** The op kind, or empty. */
  public String kind() {
    return kind;
  }

  /** Fraction of root calls traced. */
  double sampleRate() {
    return sampleRate;
  }

  String displayNameTemplate() {
    return displayNameTemplate;
  }

  HookRef<CallDisplayName> displayNameFn() {
    return displayNameFn;
  }

  HookRef<InputsPostprocessor> inputsHook() {
    return inputsHook;
  }

  HookRef<OutputPostprocessor> outputHook() {
    return outputHook;
  }

  /** The accumulator for streamed results, or null. */
  @SuppressWarnings("rawtypes")
  public HookRef<Accumulator> accumulator() {
    return accumulator;
  }

  /** How the call of a returned value is finished (decided from the declared return type). */
  public ReturnShape returnShape() {
    return returnShape;
  }

  /**
   * True when this is the op of a generated proxy's method (Spring AOP, CGLIB, JDK proxies...) and
   * {@code target} the op of the method it forwards to (same method name and parameter count): the
   * proxy's call is the call, so the target's call run inside it is not recorded again.
   */
  public boolean forwardsTo(OpDescriptor target) {
    return forwardingProxy
        && target.parameterCount == parameterCount
        && target.funcName.equals(funcName);
  }

  /**
   * The settings name of the library integration whose calls this op records ({@code openai}), or
   * empty for the application's own ops.
   */
  public String integration() {
    return integration;
  }

  /**
   * A builder holding this op's parts under {@code newName}, to derive a changed op (an integration
   * op, whose inputs are given by name: its parameters are not kept).
   */
  Builder toBuilder(String newName) {
    Builder b = new Builder(newName, funcName);
    b.kind = kind;
    b.sampleRate = sampleRate;
    b.displayNameTemplate = displayNameTemplate;
    b.displayNameFn = displayNameFn;
    b.inputsHook = inputsHook;
    b.outputHook = outputHook;
    b.accumulator = accumulator;
    b.returnShape = returnShape;
    b.integration = integration;
    return b;
  }

  /** The recorded inputs of one call, by parameter name, in declaration order. */
  Map<String, Object> bindInputs(Object[] args) {
    Map<String, Object> inputs = new LinkedHashMap<>(inputNames.length * 2);
    for (int i = 0; i < inputNames.length; i++) {
      int index = inputIndexes[i];
      inputs.put(inputNames[i], args != null && index < args.length ? args[index] : null);
    }
    return inputs;
  }

  /** The recorded parameters, prepared for {@code redactor} (once per runtime; a benign race). */
  InputFields inputFields(Redactor redactor) {
    InputFields fields = inputFields;
    if (fields == null || !fields.preparedFor(redactor)) {
      fields = new InputFields(List.of(inputNames), inputIndexes, redactor);
      inputFields = fields;
    }
    return fields;
  }

  @Override
  public String toString() {
    return "Op[" + opName + "]";
  }

  /** Builds an {@link OpDescriptor}; every part but the names is optional. */
  public static final class Builder {
    private final String opName;
    private final String funcName;
    private List<String> parameterNames = List.of();
    private boolean[] ignored = new boolean[0];
    private String kind = "";
    private double sampleRate = 1.0;
    private String displayNameTemplate = "";
    private HookRef<CallDisplayName> displayNameFn;
    private HookRef<InputsPostprocessor> inputsHook;
    private HookRef<OutputPostprocessor> outputHook;

    @SuppressWarnings("rawtypes")
    private HookRef<Accumulator> accumulator;

    private ReturnShape returnShape = ReturnShape.PLAIN;
    private boolean forwardingProxy;
    private String integration = "";

    private Builder(String opName, String funcName) {
      this.opName = Objects.requireNonNull(opName, "opName");
      this.funcName = Objects.requireNonNull(funcName, "funcName");
    }

    /** Every parameter's name in order, and which ones are not recorded. */
    public Builder parameters(List<String> names, boolean[] ignored) {
      if (names.size() != ignored.length) {
        throw new IllegalArgumentException("one ignored flag per parameter");
      }
      this.parameterNames = List.copyOf(names);
      this.ignored = ignored.clone();
      return this;
    }

    /** The op kind ({@code attributes.weave.kind}); empty for none. */
    public Builder kind(String kind) {
      this.kind = kind == null ? "" : kind.trim();
      return this;
    }

    /**
     * Fraction of root calls traced.
     *
     * @throws IllegalArgumentException outside 0..1
     */
    public Builder sampleRate(double rate) {
      if (!(rate >= 0.0 && rate <= 1.0)) {
        throw new IllegalArgumentException("tracingSampleRate must be within 0..1, got " + rate);
      }
      this.sampleRate = rate;
      return this;
    }

    /** The display-name template; empty for none. */
    public Builder displayNameTemplate(String template) {
      this.displayNameTemplate = template == null ? "" : template;
      return this;
    }

    /** The display-name function, or null. */
    public Builder displayNameFn(HookRef<CallDisplayName> fn) {
      this.displayNameFn = fn;
      return this;
    }

    /** The inputs postprocessor, or null. */
    public Builder inputsHook(HookRef<InputsPostprocessor> hook) {
      this.inputsHook = hook;
      return this;
    }

    /** The output postprocessor, or null. */
    public Builder outputHook(HookRef<OutputPostprocessor> hook) {
      this.outputHook = hook;
      return this;
    }

    /** The accumulator, or null. */
    @SuppressWarnings("rawtypes")
    public Builder accumulator(HookRef<Accumulator> accumulator) {
      this.accumulator = accumulator;
      return this;
    }

    /** How a returned value is finished; {@link ReturnShape#PLAIN} by default. */
    public Builder returnShape(ReturnShape shape) {
      this.returnShape = shape == null ? ReturnShape.PLAIN : shape;
      return this;
    }

    /**
     * Marks the op of a generated proxy's method, whose call stands for the call of the target
     * method it forwards to (see {@link OpDescriptor#forwardsTo}).
     */
    public Builder forwardingProxy() {
      this.forwardingProxy = true;
      return this;
    }

    /**
     * The settings name of the library integration whose calls this op records ({@code openai},
     * {@code google_genai}): its {@code weave.integrations.<name>.*} op settings apply to the op's
     * calls started through {@link LlmCall}.
     */
    public Builder integration(String name) {
      this.integration = name == null ? "" : name;
      return this;
    }

    /** The descriptor. */
    public OpDescriptor build() {
      return new OpDescriptor(this);
    }
  }
}
