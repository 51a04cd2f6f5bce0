package dev.weave4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Traces every call of the annotated method as a Weave Call: inputs by parameter name, output or
 * exception, timing, and its place in the call tree.
 *
 * <p>Works on instance, static, private, final, synchronized, generic and default methods. An
 * annotation on a supertype's method (interface or abstract class) applies to its overrides.
 * Constructors and lambdas are not traced; a method reference to an annotated method is, because
 * the target method is.
 *
 * <p>This annotation does nothing by itself: start the JVM with {@code -javaagent:weave-agent.jar}.
 * The receiver ({@code this}) is never recorded as an input.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WeaveOp {

  /** The op name; empty means {@code SimpleClassName.methodName}. */
  String name() default "";

  /**
   * The display name of each call: a literal, or a template with {@code {inputs.<param>}}, {@code
   * {attributes.<key>}} and {@code {op}} placeholders. Empty means none.
   */
  String callDisplayName() default "";

  /** Computes the display name of each call; overrides {@link #callDisplayName()}. */
  Class<? extends CallDisplayName> callDisplayNameFn() default CallDisplayName.None.class;

  /** Changes the recorded inputs (never the arguments the method receives). */
  Class<? extends InputsPostprocessor> postprocessInputs() default InputsPostprocessor.None.class;

  /** Changes the recorded output (never the value the caller receives). */
  Class<? extends OutputPostprocessor> postprocessOutput() default OutputPostprocessor.None.class;

  /** Folds the values of a streamed result into the recorded output. */
  @SuppressWarnings("rawtypes")
  Class<? extends Accumulator> accumulator() default Accumulator.None.class;

  /** The op kind recorded as {@code attributes.weave.kind}, e.g. "llm", "tool", "agent". */
  String kind() default "";

  /**
   * Fraction of root calls of this op that are traced, 0 to 1, decided when the root call starts;
   * the calls nested in it follow that decision.
   */
  double tracingSampleRate() default 1.0;
}
