package dev.weave4j.agent.internal;

import dev.weave4j.integration.MethodAdvice;
import dev.weave4j.integration.TypeInstrumentation;
import java.util.List;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Internal, unstable. The advice of every integration present in a class loader whose types match
 * the class being transformed. A matched type that lacks a method an integration requires is left
 * alone by that integration (another library version), which then skips the loader.
 */
final class IntegrationPlan implements ClassRewriter.Plan {

  private final List<LibraryIntegration> present;

  IntegrationPlan(List<LibraryIntegration> present) {
    this.present = present;
  }

  @Override
  public DynamicType.Builder<?> apply(
      DynamicType.Builder<?> builder,
      TypeDescription type,
      ClassLoader loader,
      Set<String> skipped) {
    DynamicType.Builder<?> result = builder;
    boolean changed = false;
    MethodList<MethodDescription.InDefinedShape> methods = type.getDeclaredMethods();
    for (LibraryIntegration integration : present) {
      List<TypeInstrumentation> types = integration.instrumentations(loader);
      if (types == null) {
        continue; // failed or skipped in this loader
      }
      for (TypeInstrumentation t : types) {
        if (!integration.matches(t, type)) {
          continue;
        }
        String missing = missingRequired(t, methods);
        if (missing != null) {
          integration.skip(
              loader,
              type.getName() + " has no method matching " + missing + " (another version?)");
          break;
        }
        if (!integration.injectHelpers(loader)) {
          break;
        }
        for (MethodAdvice a : t.methodAdvice()) {
          result =
              result.visit(
                  integration
                      .advice(a.adviceClassName(), loader)
                      .on(
                          ElementMatchers.<MethodDescription>not(ElementMatchers.isAbstract())
                              .and(a.methods())
                              .and(new Sized(skipped))));
          changed = true;
        }
      }
    }
    return changed ? result : null;
  }

  private static String missingRequired(
      TypeInstrumentation t, MethodList<MethodDescription.InDefinedShape> methods) {
    for (MethodAdvice a : t.methodAdvice()) {
      if (a.required() && methods.filter(a.methods()).isEmpty()) {
        return a.methods().toString();
      }
    }
    return null;
  }

  /** Leaves out the methods whose advice would exceed the code size limit. */
  private record Sized(Set<String> skipped)
      implements net.bytebuddy.matcher.ElementMatcher<MethodDescription> {
    @Override
    public boolean matches(MethodDescription m) {
      return skipped.isEmpty() || !skipped.contains(m.getInternalName() + m.getDescriptor());
    }
  }
}
