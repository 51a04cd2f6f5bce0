package dev.weave4j.it.apps;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Uses the test library ({@code weave-testing-library}, path in {@code -Dit.testlib}) through a
 * child class loader of the app, as plugin hosts do, or (argument {@code without-library}) does not
 * touch it at all. Prints what it got; {@code IntegrationIT} checks the calls the testing
 * integration made of it.
 */
public final class IntegrationApp {

  private IntegrationApp() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("without-library")) {
      System.out.println("no library");
      return;
    }
    URL jar = Path.of(System.getProperty("it.testlib")).toUri().toURL();
    try (LibraryLoader loader = new LibraryLoader(jar, IntegrationApp.class.getClassLoader())) {
      Object greeter =
          loader.loadClass("dev.weave4j.testlib.PoliteGreeter").getConstructor().newInstance();
      Method greet =
          loader.loadClass("dev.weave4j.testlib.Greeter").getMethod("greet", String.class);
      System.out.println("greeting: " + greet.invoke(greeter, "Ada"));
      try {
        greet.invoke(greeter, "");
      } catch (InvocationTargetException e) {
        System.out.println("greeting failed: " + e.getCause());
      }
      Object tally = loader.loadClass("dev.weave4j.testlib.Tally").getConstructor().newInstance();
      Method add = tally.getClass().getMethod("add", int.class);
      add.invoke(tally, 2);
      System.out.println("tally: " + add.invoke(tally, 3));
      if (args.length > 0 && args[0].equals("probe-helper")) {
        System.out.println("helper defined in the library's loader: " + helperIn(loader));
      }
    }
  }

  private static boolean helperIn(ClassLoader loader) {
    try {
      return Class.forName("dev.weave4j.integrations.testing.GreeterCalls", false, loader)
              .getClassLoader()
          == loader;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** The library's own loader (named, so that the helper's call inputs can show it). */
  static final class LibraryLoader extends URLClassLoader {
    LibraryLoader(URL jar, ClassLoader parent) {
      super(new URL[] {jar}, parent);
    }

    @Override
    public String toString() {
      return "test library loader";
    }
  }
}
