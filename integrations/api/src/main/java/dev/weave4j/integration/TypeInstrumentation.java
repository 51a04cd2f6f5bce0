package dev.weave4j.integration;

import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The library types an integration instruments (matched by name, interface, superclass or
 * annotation with Byte Buddy's {@link net.bytebuddy.matcher.ElementMatchers}), and the advice woven
 * into their methods.
 */
public interface TypeInstrumentation {

  /**
   * The types to instrument, e.g. {@code hasSuperType(named("com.example.Client")).and(not(
   * isInterface()))}. Called for classes of the loaders that hold the library only.
   */
  ElementMatcher<TypeDescription> typeMatcher();

  /** The advice of the matched types' methods. */
  List<MethodAdvice> methodAdvice();
}
