package dev.weave4j.it;

import static dev.weave4j.it.harness.CallAssert.assertThatCall;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.ItEnv;
import dev.weave4j.it.harness.JvmRun;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ops in class files as other builds make them, compiled here with the JDK's compiler: for Java 8
 * ({@code --release 8}, class file version 52) and without debug information ({@code -g:none}: no
 * local variable table, so parameter names are {@code arg0}, {@code arg1}... unless the class was
 * compiled with {@code -parameters}). Each is traced once per invocation, and the app behaves as
 * without the agent.
 */
class CompiledClassFilesIT {

  private static final String SOURCE =
      """
      package compiled;

      import dev.weave4j.annotations.WeaveOp;

      public class Legacy {
        @WeaveOp
        public static String greet(String name, int times) {
          StringBuilder b = new StringBuilder();
          for (int i = 0; i < times; i++) {
            b.append("hi ").append(name).append(' ');
          }
          return b.toString().trim();
        }

        @WeaveOp
        public String shout(String word) {
          if (word.isEmpty()) {
            throw new IllegalArgumentException("nothing to shout");
          }
          return word.toUpperCase();
        }

        public static void main(String[] args) {
          System.out.println(greet("ada", 2));
          System.out.println(new Legacy().shout("hey"));
          try {
            new Legacy().shout("");
          } catch (IllegalArgumentException e) {
            System.out.println("caught " + e.getMessage());
          }
        }
      }
      """;

  @TempDir Path dir;

  @Test
  void java8ClassFilesAreTracedWithTheirParameterNames() throws IOException {
    Path classes = compile("-g", "--release", "8", "-Xlint:-options");
    assertThat(majorVersion(classes)).isEqualTo(52);

    JvmRun traced = run(classes);

    assertThatCall(traced.store().root("Legacy.greet"))
        .hasInputs("{'name': 'ada', 'times': 2}")
        .hasOutput("'hi ada hi ada'");
    List<CallNode> shouts = traced.store().calls("Legacy.shout");
    assertThat(shouts).hasSize(2);
    CallNode failed = shouts.get(0).exceptionText() == null ? shouts.get(1) : shouts.get(0);
    CallNode shouted = failed == shouts.get(0) ? shouts.get(1) : shouts.get(0);
    assertThatCall(shouted).hasInput("word", "'hey'").hasOutput("'HEY'");
    assertThatCall(failed)
        .failedWith("java.lang.IllegalArgumentException", "nothing to shout", "shout");
  }

  @Test
  void classFilesWithoutDebugInformationNameTheirParametersByPosition() throws IOException {
    JvmRun traced = run(compile("-g:none"));

    assertThatCall(traced.store().root("Legacy.greet"))
        .hasInputs("{'arg0': 'ada', 'arg1': 2}")
        .hasOutput("'hi ada hi ada'");
  }

  @Test
  void classFilesWithoutDebugInformationButWithMethodParametersKeepTheNames() throws IOException {
    JvmRun traced = run(compile("-g:none", "-parameters"));

    assertThatCall(traced.store().root("Legacy.greet"))
        .hasInputs("{'name': 'ada', 'times': 2}")
        .hasOutput("'hi ada hi ada'");
  }

  /** The app without and with the agent: same behaviour; the traced run. */
  private JvmRun run(Path classes) {
    AgentJvm app =
        AgentJvm.app("compiled.Legacy")
            .withClasspath(classes + File.pathSeparator + ItEnv.appClasspath());
    JvmRun reference = app.withoutAgent().run().assertSuccess();
    assertThat(reference.stdout()).contains("hi ada hi ada", "HEY", "caught nothing to shout");
    JvmRun traced = app.run();
    traced.assertSameAppBehaviourAs(reference).assertNoProblemsReported(reference);
    return traced;
  }

  private Path compile(String... options) throws IOException {
    Path src = dir.resolve("src/compiled/Legacy.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, SOURCE);
    Path out = Files.createDirectories(dir.resolve("classes"));
    List<String> args = new ArrayList<>(List.of(options));
    args.addAll(List.of("-cp", ItEnv.appClasspath(), "-d", out.toString(), src.toString()));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream messages = new ByteArrayOutputStream();
    int code = javac.run(null, messages, messages, args.toArray(String[]::new));
    assertThat(code).as("javac %s: %s", args, messages).isZero();
    return out;
  }

  private static int majorVersion(Path classes) throws IOException {
    byte[] bytes = Files.readAllBytes(classes.resolve("compiled/Legacy.class"));
    return ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
  }
}
