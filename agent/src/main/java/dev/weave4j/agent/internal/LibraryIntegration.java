package dev.weave4j.agent.internal;

import dev.weave4j.integration.TypeInstrumentation;
import dev.weave4j.integration.WeaveIntegration;
import dev.weave4j.internal.Diagnostics;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Internal, unstable. One integration of the index: created (its class loaded from the agent jar)
 * only when a class loader holding its library is met; its helpers are defined in each such loader
 * once, and its advice parsed once per loader (the advice refers to the library's types, which only
 * that loader can describe). Anything that fails skips the integration, with one line.
 */
final class LibraryIntegration {

  private final IntegrationIndex.Entry entry;
  private final boolean debug;
  private WeaveIntegration integration;
  private List<TypeInstrumentation> types;
  private boolean failed;
  private final Map<ClassLoader, InLoader> loaders = new WeakHashMap<>();

  /** The state of this integration in one class loader. */
  private static final class InLoader {
    boolean skipped;
    boolean helpersDefined;
    final Map<String, Advice> advice = new HashMap<>();
  }

  LibraryIntegration(IntegrationIndex.Entry entry, boolean debug) {
    this.entry = entry;
    this.debug = debug;
  }

  String name() {
    return entry.name();
  }

  /** Whether {@code loader} holds every class the integration requires (read as resources). */
  boolean libraryIn(ClassLoader loader) {
    try {
      for (String required : entry.requires()) {
        if (loader.getResource(required.replace('.', '/') + ".class") == null) {
          return false;
        }
      }
      return !entry.requires().isEmpty();
    } catch (RuntimeException unreadable) {
      return false;
    }
  }

  /** The type instrumentations, or null when the integration failed or skips {@code loader}. */
  synchronized List<TypeInstrumentation> instrumentations(ClassLoader loader) {
    if (failed || inLoader(loader).skipped) {
      return null;
    }
    if (integration == null) {
      try {
        integration =
            (WeaveIntegration)
                Class.forName(entry.className(), true, LibraryIntegration.class.getClassLoader())
                    .getConstructor()
                    .newInstance();
        types = List.copyOf(integration.typeInstrumentations());
      } catch (Throwable t) {
        failed = true;
        warn("cannot be created: " + t);
        return null;
      }
    }
    return types;
  }

  /** Whether {@code type} is one of {@code t}'s (false when the matcher cannot tell). */
  boolean matches(TypeInstrumentation t, TypeDescription type) {
    try {
      return t.typeMatcher().matches(type);
    } catch (RuntimeException | LinkageError unresolvable) {
      return false;
    }
  }

  /** Skips this integration in {@code loader} from now on, saying why once. */
  synchronized void skip(ClassLoader loader, String reason) {
    InLoader in = inLoader(loader);
    if (!in.skipped) {
      in.skipped = true;
      warn("skipped in " + loader + ": " + reason);
    }
  }

  /** Defines the helper classes in {@code loader} once; false (and skipped) when they cannot be. */
  synchronized boolean injectHelpers(ClassLoader loader) {
    InLoader in = inLoader(loader);
    if (in.helpersDefined) {
      return true;
    }
    try {
      Map<String, byte[]> helpers = new LinkedHashMap<>();
      for (String helper : integration.helperClassNames()) {
        byte[] bytes = ClassFiles.bytes(null, helper.replace('.', '/'));
        if (bytes == null) {
          throw new IllegalStateException("helper class " + helper + " is not in the agent jar");
        }
        helpers.put(helper, bytes);
      }
      if (!helpers.isEmpty()) {
        HelperClasses.define(loader, helpers);
      }
      in.helpersDefined = true;
      String applied =
          "weave4j: integration "
              + entry.name()
              + (entry.versions().isEmpty() ? "" : " " + entry.versions())
              + " applied in "
              + loader;
      if (debug) {
        System.err.println(applied);
      } else {
        Diagnostics.log().fine(applied);
      }
      return true;
    } catch (Throwable t) {
      in.skipped = true;
      warn("skipped in " + loader + ": its helper classes cannot be defined: " + t);
      return false;
    }
  }

  /** The advice class {@code name}, described with {@code loader}'s view of the library. */
  synchronized Advice advice(String name, ClassLoader loader) {
    InLoader in = inLoader(loader);
    Advice advice = in.advice.get(name);
    if (advice == null) {
      ClassFileLocator locator =
          new ClassFileLocator.Compound(
              ClassFileLocator.ForClassLoader.ofSystemLoader(),
              ClassFileLocator.ForClassLoader.WeaklyReferenced.of(loader));
      advice = Advice.to(TypePool.Default.of(locator).describe(name).resolve(), locator);
      in.advice.put(name, advice);
    }
    return advice;
  }

  private InLoader inLoader(ClassLoader loader) {
    InLoader in = loaders.get(loader);
    if (in == null) {
      in = new InLoader();
      loaders.put(loader, in);
    }
    return in;
  }

  private void warn(String what) {
    Diagnostics.log().warning("weave4j: integration " + entry.name() + " " + what);
  }
}
