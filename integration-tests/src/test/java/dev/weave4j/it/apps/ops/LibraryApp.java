package dev.weave4j.it.apps.ops;

import dev.weave4j.Call;
import dev.weave4j.Weave;
import dev.weave4j.WeaveClient;
import dev.weave4j.WeaveSettings;
import dev.weave4j.annotations.WeaveOp;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Library mode: no agent. {@code Weave.init} with explicit settings, manual calls and lambda ops,
 * then {@code Weave.finish()}. An {@code @WeaveOp} method is not traced here (nothing instruments
 * it).
 */
public final class LibraryApp {

  private LibraryApp() {}

  public static void main(String[] args) {
    WeaveClient client =
        Weave.init(
            WeaveSettings.builder()
                .project("lib")
                .localDir(Path.of(System.getProperty("weave.local_dir")))
                .printCallLink(false)
                .build());
    System.out.println("project " + client.projectId());
    Function<String, String> greet = Weave.op("greet", n -> "Hello, " + n + "!");
    BiFunction<Integer, Integer, Integer> add = Weave.op("add", Integer::sum);

    Call call = client.createCall("my_function", Map.of("name", "World"));
    String greeting = greet.apply("World");
    int sum = add.apply(2, 3);
    int notTraced = annotated(4);
    client.finishCall(call, greeting);
    System.out.println("root " + call.id());
    System.out.println(greeting + " " + sum + " " + notTraced);
    Weave.finish();
    System.out.println(
        "after finish " + Weave.client().createCall("late", Map.of()).id().isEmpty());
  }

  @WeaveOp
  static int annotated(int x) {
    return x * 10;
  }
}
