package dev.weave4j.it.apps.sdk;

import dev.weave4j.Call;
import dev.weave4j.CallsQuery;
import dev.weave4j.Weave;
import dev.weave4j.WeaveClient;
import dev.weave4j.it.apps.ReaderArgs;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads back, through the public {@code WeaveClient}, what Weave's TypeScript SDK wrote ({@code
 * http <url> <key> <outerId>,<boomId>}); prints {@code key: value} lines.
 */
public final class SdkReadBackApp {

  private static final PrintStream OUT =
      new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

  private SdkReadBackApp() {}

  public static void main(String[] args) {
    ReaderArgs parsed = ReaderArgs.parse("e/p", args);
    String[] ids = parsed.phase().split(",");
    WeaveClient client = Weave.init(parsed.settings());
    try {
      Call outer = client.getCall(ids[0]).orElseThrow();
      OUT.println("outer.op: " + outer.funcName());
      OUT.println("outer.displayName: " + outer.displayName().orElse("-"));
      OUT.println("outer.env: " + outer.attributes().get("env"));
      OUT.println("outer.inputs: " + outer.inputs());
      OUT.println("outer.output: " + outer.output());
      OUT.println(
          "outer.children: "
              + outer.children().stream().map(Call::funcName).collect(Collectors.joining(",")));
      OUT.println(
          "outer.feedback: "
              + outer.feedback().list().stream()
                  .map(f -> f.type() + "=" + f.payload())
                  .collect(Collectors.joining(",")));
      Call boom = client.getCall(ids[1]).orElseThrow();
      OUT.println("boom.exception: " + boom.exception().map(Throwable::getMessage).orElse("-"));
      List<Call> evaluations =
          client.getCalls(CallsQuery.builder().opNames("Evaluation.evaluate").build()).toList();
      OUT.println("evaluations: " + evaluations.size());
      OUT.println(
          "evaluation.children: "
              + evaluations.get(0).children().stream()
                  .map(Call::funcName)
                  .sorted()
                  .collect(Collectors.joining(",")));
      OUT.println("roots: " + client.countCalls(CallsQuery.builder().traceRootsOnly(true).build()));
    } finally {
      client.close();
    }
  }
}
