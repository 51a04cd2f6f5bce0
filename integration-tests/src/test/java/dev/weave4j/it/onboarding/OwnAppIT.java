package dev.weave4j.it.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.harness.ItEnv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's "Use it in your own app" section, followed literally: its install command run in a
 * copy of this project, a new Maven project made of its snippets, built with its command and run
 * with its run line under the installed agent, and its trace read back with its {@code tree}
 * command; then the same for the ready-made {@code examples/own-app}. Everything goes to a Maven
 * repository under {@code target/} (never {@code ~/.m2}, which it only reads, as a file:// mirror).
 */
class OwnAppIT {

  private static final String SECTION = "### Use it in your own app";
  private static final Pattern BLOCK = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);
  private static final Set<String> NOT_COPIED = Set.of("target", ".git", "node_modules");
  private static final String HEAD =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          + "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
          + "  <modelVersion>4.0.0</modelVersion>\n"
          + "  <groupId>com.example</groupId>\n"
          + "  <artifactId>readme-app</artifactId>\n"
          + "  <version>1.0</version>\n";

  private static Path root;
  private static Path work;
  private static List<String[]> blocks;

  @BeforeAll
  static void readTheReadme() throws IOException {
    root = Path.of("").toAbsolutePath().getParent();
    String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
    int from = readme.indexOf(SECTION);
    assertThat(from).as("README section " + SECTION).isNotNegative();
    int to = readme.indexOf("\n#", from + SECTION.length());
    blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(readme.substring(from, to < 0 ? readme.length() : to));
    while (m.find()) {
      blocks.add(new String[] {m.group(1), m.group(2)});
    }
    work = Files.createDirectories(Path.of("target", "own-app").toAbsolutePath());
  }

  private static List<String> blocksOf(String language) {
    return blocks.stream().filter(b -> b[0].equals(language)).map(b -> b[1]).toList();
  }

  @Test
  void theReadmesOwnAppSectionWorksAsWrittenAndSoDoesTheSampleProject() throws Exception {
    List<String> sh = blocksOf("sh");
    assertThat(sh).as("the install command, then the build and run lines").hasSize(2);
    Path repo = work.resolve("repo");
    Path settings = mirrorOfTheUsersRepository();

    // 1. Install from a copy of the clone (this build's own target/ folders stay untouched),
    // unless this build did it already (the JDK 25 run): the build is reproducible, so the same
    // sources install the same agent jar as the one under test.
    Path installed =
        repo.resolve("dev/weave4j/weave-agent/0.1.0-SNAPSHOT/weave-agent-0.1.0-SNAPSHOT.jar");
    if (!Files.isRegularFile(installed) || Files.mismatch(installed, ItEnv.agentJar()) != -1) {
      Path clone = work.resolve("clone");
      deleteTree(clone);
      copyTree(root, clone);
      for (String line : lines(sh.get(0))) {
        run(clone, maven(line, repo, settings), "install");
      }
    }
    assertThat(repo.resolve("dev/weave4j/weave-bom/0.1.0-SNAPSHOT")).isDirectory();

    // 2. A new project from the snippets.
    Path app = work.resolve("readme-app");
    deleteTree(app);
    StringBuilder pom = new StringBuilder(HEAD);
    blocksOf("xml").forEach(pom::append);
    pom.append("</project>\n");
    Files.createDirectories(app.resolve("src/main/java/com/example"));
    Files.writeString(app.resolve("pom.xml"), pom);
    List<String> java = blocksOf("java");
    assertThat(java).hasSize(1);
    Files.writeString(app.resolve("src/main/java/com/example/App.java"), java.get(0));
    buildRunAndShowTrace(app, sh.get(1), repo, settings);

    // 3. The ready-made sample is the same project.
    String samplePom = Files.readString(root.resolve("examples/own-app/pom.xml"));
    for (String xml : blocksOf("xml")) {
      assertThat(squeezed(samplePom)).contains(squeezed(xml));
    }
    assertThat(
            Files.readString(root.resolve("examples/own-app/src/main/java/com/example/App.java")))
        .isEqualTo(java.get(0));
    Path sample = work.resolve("sample");
    deleteTree(sample);
    copyTree(root.resolve("examples/own-app"), sample);
    buildRunAndShowTrace(sample, sh.get(1), repo, settings);
  }

  /** The README's build and run lines in {@code dir}: the op and its input are in the tree. */
  private static void buildRunAndShowTrace(Path dir, String commands, Path repo, Path settings)
      throws Exception {
    String last = "";
    for (String line : lines(commands)) {
      List<String> cmd =
          line.startsWith("mvn ") ? maven(line, repo, settings) : new ArrayList<>(words(line));
      if (cmd.get(0).equals("java")) {
        cmd.set(0, ItEnv.java().toString());
      }
      last = run(dir, cmd, dir.getFileName().toString());
    }
    assertThat(last).contains("App.answer").contains("life");
  }

  private static List<String> lines(String block) {
    return block.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
  }

  private static List<String> words(String line) {
    return Arrays.asList(line.split("\\s+"));
  }

  /** {@code line} with the repository under target/ and the settings that read ~/.m2 added. */
  private static List<String> maven(String line, Path repo, Path settings) {
    List<String> cmd = new ArrayList<>(words(line));
    assertThat(cmd.get(0)).isEqualTo("mvn");
    cmd.add("-Dmaven.repo.local=" + repo);
    cmd.add("-s");
    cmd.add(settings.toString());
    return cmd;
  }

  /**
   * Settings that read the user's repository as a file:// repository before Maven Central: what
   * this machine's builds already have comes from there, without network, what they do not (e.g.
   * the install plugin) from Central; everything lands in the repository under target/.
   */
  private static Path mirrorOfTheUsersRepository() throws IOException {
    Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository");
    String repo =
        "<id>users-m2</id><url>"
            + m2.toUri()
            + "</url><releases><enabled>true</enabled></releases>"
            + "<snapshots><enabled>false</enabled></snapshots>";
    Path settings = work.resolve("settings.xml");
    Files.writeString(
        settings,
        "<settings><profiles><profile><id>users-m2</id>"
            + "<repositories><repository>"
            + repo
            + "</repository></repositories>"
            + "<pluginRepositories><pluginRepository>"
            + repo
            + "</pluginRepository></pluginRepositories>"
            + "</profile></profiles>"
            + "<activeProfiles><activeProfile>users-m2</activeProfile></activeProfiles>"
            + "</settings>\n");
    return settings;
  }

  private static String run(Path dir, List<String> cmd, String what) throws Exception {
    Path log = work.resolve(what + "-" + System.nanoTime() + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment()
        .keySet()
        .removeIf(k -> k.startsWith("WEAVE_") || k.startsWith("WANDB_") || k.startsWith("WF_"));
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().remove("JDK_JAVA_OPTIONS");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    boolean done = p.waitFor(30, TimeUnit.MINUTES);
    String out = Files.readString(log, StandardCharsets.UTF_8);
    if (!done) {
      p.destroyForcibly();
    }
    assertThat(done && p.exitValue() == 0).as(String.join(" ", cmd) + "\n" + out).isTrue();
    return out;
  }

  private static String squeezed(String s) {
    return s.replaceAll("\\s+", "");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (!dir.equals(from) && NOT_COPIED.contains(dir.getFileName().toString())) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(
                file,
                to.resolve(from.relativize(file).toString()),
                StandardCopyOption.REPLACE_EXISTING);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
