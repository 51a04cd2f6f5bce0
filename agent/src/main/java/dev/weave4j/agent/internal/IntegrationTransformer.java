package dev.weave4j.agent.internal;

import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Internal, unstable. Applies the library integrations: per class loader, once, finds the
 * integrations whose required classes it holds (as resources: nothing is loaded to check); only for
 * the classes of such loaders does Byte Buddy describe the class and match it against those
 * integrations' types. A loader without any library costs one map lookup per class.
 */
final class IntegrationTransformer implements ClassFileTransformer {

  private final List<LibraryIntegration> integrations;
  private final Map<ClassLoader, List<LibraryIntegration>> byLoader = new WeakHashMap<>();

  IntegrationTransformer(List<LibraryIntegration> integrations) {
    this.integrations = integrations;
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String name,
      Class<?> classBeingRedefined,
      ProtectionDomain domain,
      byte[] bytes) {
    if (loader == null || name == null || Ignores.ignored(name)) {
      return null;
    }
    try {
      List<LibraryIntegration> present = present(loader);
      if (present.isEmpty()) {
        return null;
      }
      return ClassRewriter.rewrite(loader, name, bytes, new IntegrationPlan(present));
    } catch (Throwable t) {
      Diagnostics.report(Problem.TRANSFORM_ERROR, name, t);
      return null;
    }
  }

  /** The integrations whose library {@code loader} holds; worked out once per loader. */
  private List<LibraryIntegration> present(ClassLoader loader) {
    synchronized (byLoader) {
      List<LibraryIntegration> present = byLoader.get(loader);
      if (present != null) {
        return present;
      }
    }
    List<LibraryIntegration> found = new ArrayList<>();
    for (LibraryIntegration i : integrations) {
      if (i.libraryIn(loader)) {
        found.add(i);
      }
    }
    List<LibraryIntegration> present = found.isEmpty() ? List.of() : found;
    synchronized (byLoader) {
      byLoader.put(loader, present);
    }
    return present;
  }
}
