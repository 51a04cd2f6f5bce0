package dev.weave4j.internal.trace;

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

  /**
   * @param opName the op name
   * @param funcName the Java method name
   * @param parameterNames every parameter's name, in order
   * @param ignored which parameters are not recorded (same length as the names)
   * @param kind the op kind, or empty
   */
  public OpDescriptor(
      String opName, String funcName, List<String> parameterNames, boolean[] ignored, String kind) {
    this.opName = Objects.requireNonNull(opName, "opName");
    this.funcName = Objects.requireNonNull(funcName, "funcName");
    int recorded = 0;
    for (int i = 0; i < parameterNames.size(); i++) {
      if (!ignored[i]) {
        recorded++;
      }
    }
    this.inputNames = new String[recorded];
    this.inputIndexes = new int[recorded];
    for (int i = 0, j = 0; i < parameterNames.size(); i++) {
      if (!ignored[i]) {
        inputNames[j] = parameterNames.get(i);
        inputIndexes[j++] = i;
      }
    }
    this.kind = kind == null ? "" : kind;
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

  /** The recorded inputs of one call, by parameter name, in declaration order. */
  Map<String, Object> bindInputs(Object[] args) {
    Map<String, Object> inputs = new LinkedHashMap<>(inputNames.length * 2);
    for (int i = 0; i < inputNames.length; i++) {
      int index = inputIndexes[i];
      inputs.put(inputNames[i], args != null && index < args.length ? args[index] : null);
    }
    return inputs;
  }

  @Override
  public String toString() {
    return "Op[" + opName + "]";
  }
}
