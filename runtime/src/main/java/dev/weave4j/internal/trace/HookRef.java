package dev.weave4j.internal.trace;

import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import java.lang.ref.WeakReference;

/**
 * Internal, unstable. A user hook class ({@code postprocessInputs = MyHook.class}, ...) named by
 * the op, instantiated once on first use through the op's class loader (held weakly, so
 * instrumented apps can be unloaded). A hook that cannot be made is reported once and then treated
 * as failing.
 *
 * @param <T> the hook interface
 */
public final class HookRef<T> {

  private final String className;
  private final WeakReference<ClassLoader> loader;
  private final Class<T> type;
  private volatile Object instance;
  private volatile String failure;

  /** Whether the class is looked up through the first user's context class loader. */
  private final boolean contextual;

  private HookRef(String className, ClassLoader loader, Class<T> type, Object instance) {
    this.className = className;
    this.loader = new WeakReference<>(loader);
    this.type = type;
    this.instance = instance;
    this.contextual = false;
  }

  private HookRef(String className, Class<T> type) {
    this.className = className;
    this.loader = new WeakReference<>(null);
    this.type = type;
    this.contextual = true;
  }

  /**
   * A hook to instantiate lazily from {@code className} through the context class loader of the
   * thread that first uses it, else the system class loader (a class named in configuration).
   */
  public static <T> HookRef<T> fromContext(String className, Class<T> type) {
    return new HookRef<>(className, type);
  }

  /** A hook to instantiate lazily from {@code className} through {@code loader}. */
  public static <T> HookRef<T> lazy(String className, ClassLoader loader, Class<T> type) {
    return new HookRef<>(className, loader, type, null);
  }

  /** A hook that already exists. */
  public static <T> HookRef<T> of(T hook, Class<T> type) {
    return new HookRef<>(hook.getClass().getName(), hook.getClass().getClassLoader(), type, hook);
  }

  /** The hook's class name. */
  public String className() {
    return className;
  }

  /**
   * The hook instance.
   *
   * @throws IllegalStateException when it cannot be instantiated (the message says why)
   */
  T get() {
    Object h = instance;
    if (h == null) {
      h = create();
    }
    return type.cast(h);
  }

  private synchronized Object create() {
    if (instance != null) {
      return instance;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
    try {
      ClassLoader l = loader.get();
      if (contextual) {
        l = Thread.currentThread().getContextClassLoader();
        l = l != null ? l : ClassLoader.getSystemClassLoader();
      }
      Class<?> c = Class.forName(className, true, l);
      if (!type.isAssignableFrom(c)) {
        throw new IllegalStateException(className + " does not implement " + type.getName());
      }
      instance = c.getConstructor().newInstance();
      return instance;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      failure =
          "cannot create hook "
              + className
              + " (it needs a public no-arg constructor): "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage();
      Diagnostics.report(Problem.HOOK_ERROR, failure, null);
      throw new IllegalStateException(failure, e);
    }
  }
}
