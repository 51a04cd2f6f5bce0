package dev.weave4j.integration;

import java.util.Objects;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Byte Buddy advice woven into the methods of an instrumented type that {@code methods} matches.
 *
 * <p>{@code adviceClassName} names a class of the integration holding static {@code
 * Advice.OnMethodEnter} / {@code Advice.OnMethodExit} methods, both with {@code suppress =
 * Throwable.class}: the advice is inlined into the library's method, so it must never throw into
 * the application. It may rewrite arguments and results ({@code Advice.Argument(readOnly = false)},
 * {@code Advice.Return(readOnly = false)}) and hand state from enter to exit ({@code Advice.Enter},
 * {@code Advice.Local}). Keep it a thin trampoline into a helper class.
 *
 * @param methods the methods to advise, declared by the instrumented type itself
 * @param adviceClassName the binary name of the advice class
 * @param required whether an instrumented type without such a method means the library is not the
 *     version this integration knows: then the type is left alone and one diagnostic line says why
 */
public record MethodAdvice(
    ElementMatcher<? super MethodDescription> methods, String adviceClassName, boolean required) {

  /** Checks that both are given. */
  public MethodAdvice {
    Objects.requireNonNull(methods, "methods");
    Objects.requireNonNull(adviceClassName, "adviceClassName");
  }

  /** Advice for methods that every supported version of the library has. */
  public static MethodAdvice required(
      ElementMatcher<? super MethodDescription> methods, String adviceClassName) {
    return new MethodAdvice(methods, adviceClassName, true);
  }

  /** Advice for methods some supported versions lack (nothing is said when they do). */
  public static MethodAdvice optional(
      ElementMatcher<? super MethodDescription> methods, String adviceClassName) {
    return new MethodAdvice(methods, adviceClassName, false);
  }
}
