package dev.weave4j.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Where the things under test are: the packaged agent jar, the JDK the app JVMs run on, and the
 * classpath of the apps. Set by the surefire execution in integration-tests/pom.xml.
 */
public final class ItEnv {

  /**
   * Test-classpath entries the app JVMs must not see: the agent and runtime (the agent jar brings
   * its own, shaded copy; a second, unshaded runtime would bind to the app's Jackson), the examples
   * jar (its manifest Class-Path brings the runtime and its Jackson), and the test framework.
   */
  private static final List<String> NOT_FOR_APPS =
      List.of(
          "weave-agent",
          "weave-runtime",
          "/agent/target/",
          "/runtime/target/",
          "weave-examples",
          "weave-testing-library",
          "/integrations/",
          "weave-integration-",
          "weave-provider-test-server",
          "/testing-library/target/",
          "/com/networknt/",
          "/examples/target/",
          "junit",
          "opentest4j",
          "apiguardian",
          "assertj",
          "surefire",
          "/fixtures/",
          // the OTLP receivers' protobuf classes (issue 14), not the apps'
          "/io/opentelemetry/proto/",
          "/com/google/protobuf/");

  private ItEnv() {}

  /** The packaged agent, agent/target/weave-agent.jar. */
  public static Path agentJar() {
    Path jar = Path.of(required("weave.it.agentJar")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError("agent jar not found: " + jar + " (run through `mvn verify`)");
    }
    return jar;
  }

  /** The agent with the testing integration, agent/target/weave-agent-…-testing.jar. */
  public static Path testingAgentJar() {
    return existing("weave.it.testingAgentJar");
  }

  /** The test library the testing integration instruments (never on an app's class path). */
  public static Path testLibraryJar() {
    return existing("weave.it.testLibraryJar");
  }

  private static Path existing(String property) {
    Path jar = Path.of(required(property)).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError(property + " not found: " + jar + " (run through `mvn verify`)");
    }
    return jar;
  }

  /** The JDK that runs the app JVMs and the command line. */
  public static Path javaHome() {
    String home = System.getProperty("weave.it.javaHome", System.getProperty("java.home"));
    return Path.of(home).toAbsolutePath().normalize();
  }

  /** The {@code java} launcher of {@link #javaHome()}. */
  public static Path java() {
    return javaHome().resolve("bin").resolve("java");
  }

  /** The feature version (17, 25, ...) of {@link #javaHome()}, from its {@code release} file. */
  public static int javaFeatureVersion() {
    Properties release = new Properties();
    try (var in = Files.newBufferedReader(javaHome().resolve("release"))) {
      release.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the release file of " + javaHome(), e);
    }
    String version = release.getProperty("JAVA_VERSION", "\"0\"").replace("\"", "");
    String feature = version.split("[.+-]")[0];
    return Integer.parseInt(feature);
  }

  /**
   * The classpath of the app JVMs: this module's test classpath (the apps, the annotations and the
   * app's own Jackson, HttpClient and Byte Buddy) without the entries in {@link #NOT_FOR_APPS}.
   */
  public static String appClasspath() {
    // Surefire may start the test JVM through a manifest-only jar; it publishes the real classpath.
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(cp.split(File.pathSeparator))
        .filter(e -> !e.isBlank())
        .filter(e -> NOT_FOR_APPS.stream().noneMatch(e.replace('\\', '/')::contains))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /**
   * The classpath of an app that uses weave4j as a library, as a user's build would give it: the
   * apps plus {@code weave-runtime} and its dependencies (Jackson), as copied by the examples
   * module.
   */
  public static String libraryClasspath() {
    Path libs = Path.of(required("weave.it.runtimeLibs"));
    try (var jars = Files.list(libs)) {
      return testClassesDir()
          + File.pathSeparator
          + jars.filter(j -> j.toString().endsWith(".jar"))
              .map(Path::toString)
              .sorted()
              .collect(Collectors.joining(File.pathSeparator));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + libs + " (run through `mvn verify`)", e);
    }
  }

  /**
   * The classpath of an app that uses an LLM SDK, as its own build gives it: the test classes of
   * the integration module {@code integrations/<module>} (where its app lives) and the SDK's class
   * path that module wrote ({@code target/sdk-classpath.txt}); nothing of this module's.
   */
  public static String sdkAppClasspath(String module) {
    Path dir = Path.of(required("weave.it.integrationsDir"), module, "target");
    try {
      return dir.resolve("test-classes")
          + File.pathSeparator
          + Files.readString(dir.resolve("sdk-classpath.txt")).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the class path of " + dir, e);
    }
  }

  /**
   * As {@link #sdkAppClasspath(String)} for an older line of the SDK: its own jars (those under
   * {@code groupPath} in the local Maven repository, e.g. {@code com/openai}) at {@code version} in
   * place of the newest line's, the rest (Kotlin, OkHttp, Jackson) the newest line's, as the
   * module's unit tests run that line (which is what brings the jars into the repository).
   */
  public static String sdkAppClasspath(String module, String groupPath, String version) {
    String marker = File.separator + groupPath.replace('/', File.separatorChar) + File.separator;
    return Arrays.stream(sdkAppClasspath(module).split(File.pathSeparator))
        .map(
            entry -> {
              if (!entry.contains(marker)) {
                return entry;
              }
              Path jar = Path.of(entry);
              Path artifactDir = jar.getParent().getParent();
              String artifact = artifactDir.getFileName().toString();
              Path older = artifactDir.resolve(version).resolve(artifact + "-" + version + ".jar");
              if (!Files.isRegularFile(older)) {
                throw new IllegalStateException(
                    older + " is missing: run the tests of integrations/" + module + " first");
              }
              return older.toString();
            })
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** The directory the test classes (and so the apps) were compiled to. */
  public static Path testClassesDir() {
    try {
      return Path.of(ItEnv.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (Exception e) {
      throw new IllegalStateException("cannot locate the test classes", e);
    }
  }

  /** Where each JVM run gets its own working directory; kept after the run for post-mortems. */
  public static Path runsDir() {
    Path dir = Path.of("target", "it-runs").toAbsolutePath();
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String required(String key) {
    String value = System.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new AssertionError(
          "system property " + key + " is not set: run the integration tests through Maven");
    }
    return value;
  }
}
