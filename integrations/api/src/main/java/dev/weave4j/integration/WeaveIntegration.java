package dev.weave4j.integration;

import java.util.List;

/**
 * One library integration: the types and methods of the library it instruments, with their advice,
 * and the helper classes that advice calls. See the {@linkplain dev.weave4j.integration package
 * documentation} for how to write one.
 *
 * <p>The agent creates an integration (through its public no-argument constructor) only once a
 * class loader that holds every class its index entry requires is seen; an application without the
 * library never loads it.
 */
public interface WeaveIntegration {

  /** The library's types to instrument, each with its method advice. */
  List<TypeInstrumentation> typeInstrumentations();

  /**
   * Binary names of the integration's helper classes ({@code com.example.Foo$Bar}): classes of this
   * integration that the advice calls and that use the library. They are defined in the
   * application's class loader that holds the library, from the agent jar, before the first
   * instrumented class of that loader is defined. List nested and anonymous classes too.
   */
  default List<String> helperClassNames() {
    return List.of();
  }
}
