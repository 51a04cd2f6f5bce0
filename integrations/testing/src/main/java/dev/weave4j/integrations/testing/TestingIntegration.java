package dev.weave4j.integrations.testing;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weave4j.integration.MethodAdvice;
import dev.weave4j.integration.TypeInstrumentation;
import dev.weave4j.integration.WeaveIntegration;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The integration of the test library: every {@code Greeter}'s {@code greet(String)} becomes a
 * Weave call {@code testlib.greet}, made by {@link GreeterCalls} (a helper defined in the library's
 * class loader); {@code Tally.count(int)} is expected too, and is missing from the test library.
 */
public final class TestingIntegration implements WeaveIntegration {

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new Greeters(), new Tallies());
  }

  @Override
  public List<String> helperClassNames() {
    return List.of(GreeterCalls.class.getName());
  }

  /** Implementations of {@code dev.weave4j.testlib.Greeter}, matched by the interface. */
  static final class Greeters implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return hasSuperType(named("dev.weave4j.testlib.Greeter")).and(not(isInterface()));
    }

    @Override
    public List<MethodAdvice> methodAdvice() {
      return List.of(
          MethodAdvice.required(
              named("greet").and(takesArguments(String.class)), GreetAdvice.class.getName()));
    }
  }

  /** {@code dev.weave4j.testlib.Tally}, whose {@code count(int)} this version lacks. */
  static final class Tallies implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named("dev.weave4j.testlib.Tally");
    }

    @Override
    public List<MethodAdvice> methodAdvice() {
      return List.of(
          MethodAdvice.required(
              named("count").and(takesArguments(int.class)), GreetAdvice.class.getName()));
    }
  }
}
