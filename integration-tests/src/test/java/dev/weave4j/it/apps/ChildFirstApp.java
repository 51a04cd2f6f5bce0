package dev.weave4j.it.apps;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.function.Function;

/**
 * Loads {@code dev.weave4j.it.apps.isolated.*} in a child-first class loader (as servlet containers
 * and plugin hosts do) from the test-classes directory, and calls the op in it.
 */
public final class ChildFirstApp {

  private static final String ISOLATED = "dev.weave4j.it.apps.isolated.";

  private ChildFirstApp() {}

  public static void main(String[] args) throws Exception {
    URL classes = ChildFirstApp.class.getProtectionDomain().getCodeSource().getLocation();
    try (ChildFirstLoader loader =
        new ChildFirstLoader(new URL[] {classes}, ChildFirstApp.class.getClassLoader())) {
      Class<?> type = loader.loadClass(ISOLATED + "IsolatedService");
      System.out.println("loaded by " + type.getClassLoader().getClass().getName());
      System.out.println(
          "same class as the app loader's: " + (type == Class.forName(type.getName())));
      @SuppressWarnings("unchecked")
      Function<String, String> service =
          (Function<String, String>) type.getDeclaredConstructor().newInstance();
      System.out.println(service.apply("Payload-1"));
    }
  }

  /** Loads the isolated package itself before asking its parent. */
  static final class ChildFirstLoader extends URLClassLoader {

    static {
      registerAsParallelCapable();
    }

    ChildFirstLoader(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(ISOLATED)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          c = findClass(name);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }
}
