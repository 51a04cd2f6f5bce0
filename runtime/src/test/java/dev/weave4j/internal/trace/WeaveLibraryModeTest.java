package dev.weave4j.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.Call;
import dev.weave4j.Weave;
import dev.weave4j.WeaveClient;
import dev.weave4j.WeaveSettings;
import dev.weave4j.internal.WeaveRuntime;
import dev.weave4j.internal.cli.WeaveCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one unit test that installs the JVM-wide runtime: {@code Weave.init} without the agent gives
 * manual calls and lambda ops, read back through the command line.
 */
class WeaveLibraryModeTest {

  @TempDir Path localDir;

  @BeforeEach
  void noRuntimeYet() {
    assertThat(WeaveRuntime.active()).as("another test left the runtime installed").isNull();
  }

  @AfterEach
  void finish() {
    Weave.finish();
    assertThat(WeaveRuntime.active()).isNull();
  }

  private WeaveClient init() {
    return Weave.init(WeaveSettings.builder().project("lib").localDir(localDir).build());
  }

  @Test
  void beforeInitNothingIsTracedAndEverythingStillWorks() {
    Function<String, String> greet = Weave.op("greet", n -> "Hello, " + n + "!");

    assertThat(greet.apply("World")).isEqualTo("Hello, World!");
    Call c = Weave.client().createCall("my_function", Map.of("name", "World"));
    Weave.client().finishCall(c, "Hello, World!");
    assertThat(c.id()).isEmpty();
    assertThat(Weave.client().projectId()).isEmpty();
    assertThat(localDir.toFile().list()).isEmpty();
    init(); // so that finish() has something to stop
  }

  @Test
  void manualCallsAndLambdaOpsAreRecordedAndShownByTheCommandLine() {
    WeaveClient client = init();
    assertThat(init()).isSameAs(client);
    assertThat(client.projectId()).isEqualTo("local/lib");

    Function<String, String> greet = Weave.op("greet", n -> "Hello, " + n + "!");
    BiFunction<Integer, Integer, Integer> add = Weave.op("add", Integer::sum);
    Supplier<String> fail =
        Weave.op(
            "fail",
            (Supplier<String>)
                () -> {
                  throw new IllegalStateException("lambda failed");
                });

    Call root = client.createCall("my_function", Map.of("name", "World"));
    String greeting = greet.apply("World");
    int sum = add.apply(2, 3);
    assertThatThrownBy(fail::get).isInstanceOf(IllegalStateException.class);
    Call child =
        client.createCall("child step", Map.of("k", 1), null, Map.of("tag", "t"), "Child Step");
    client.failCall(child, new IllegalArgumentException("child failed"));
    client.finishCall(root, greeting);
    Call named = client.createCall("named", Map.of());
    named.setDisplayName("Renamed");
    client.finishCall(named, null);
    Weave.flush();

    assertThat(greeting).isEqualTo("Hello, World!");
    assertThat(sum).isEqualTo(5);
    JsonNode tree = cliJson("tree", root.id());
    assertThat(tree.get("op_name").asText()).isEqualTo("my_function");
    assertThat(tree.get("inputs")).isEqualTo(TracerFixture.json("{'name':'World'}"));
    assertThat(tree.get("output").asText()).isEqualTo("Hello, World!");
    JsonNode kids = tree.get("children");
    assertThat(kids).hasSize(4);
    assertThat(kids.get(0).get("op_name").asText()).isEqualTo("greet");
    assertThat(kids.get(0).get("inputs")).isEqualTo(TracerFixture.json("{'arg0':'World'}"));
    assertThat(kids.get(0).get("output").asText()).isEqualTo("Hello, World!");
    assertThat(kids.get(1).get("op_name").asText()).isEqualTo("add");
    assertThat(kids.get(1).get("inputs")).isEqualTo(TracerFixture.json("{'arg0':2,'arg1':3}"));
    assertThat(kids.get(1).get("output").asInt()).isEqualTo(5);
    assertThat(kids.get(2).get("op_name").asText()).isEqualTo("fail");
    assertThat(kids.get(2).get("inputs")).isEqualTo(TracerFixture.json("{}"));
    assertThat(kids.get(2).get("exception").asText()).contains("lambda failed");
    assertThat(kids.get(3).get("op_name").asText()).isEqualTo("child-step");
    assertThat(kids.get(3).get("display_name").asText()).isEqualTo("Child Step");
    assertThat(kids.get(3).get("attributes").get("tag").asText()).isEqualTo("t");
    assertThat(kids.get(3).get("exception").asText()).contains("child failed");
    for (JsonNode k : kids) {
      assertThat(k.get("parent_id").asText()).isEqualTo(root.id());
      assertThat(k.get("trace_id").asText()).isEqualTo(root.traceId());
    }
    assertThat(cliJson("show", named.id()).get("display_name").asText()).isEqualTo("Renamed");
  }

  @Test
  void afterFinishNothingIsTraced() {
    WeaveClient client = init();
    Weave.finish();

    Call c = Weave.client().createCall("late", Map.of());
    assertThat(c.id()).isEmpty();
    assertThat(Weave.op("late", (Supplier<Integer>) () -> 1).get()).isEqualTo(1);
    client.finishCall(c, null);
    init(); // so that finish() has something to stop
  }

  private JsonNode cliJson(String... command) {
    String[] args = new String[command.length + 5];
    System.arraycopy(command, 0, args, 0, command.length);
    args[command.length] = "--json";
    args[command.length + 1] = "--dir";
    args[command.length + 2] = localDir.toString();
    args[command.length + 3] = "--project";
    args[command.length + 4] = "lib";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        WeaveCli.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).as("cli %s: %s", String.join(" ", args), err).isZero();
    return TracerFixture.parse(out.toByteArray());
  }
}
