package dev.weave4j.it.apps.e2e;

import dev.weave4j.Call;
import dev.weave4j.CallResult;
import dev.weave4j.Weave;
import dev.weave4j.annotations.WeaveOp;
import java.util.ArrayList;
import java.util.List;

/**
 * Three traced root calls, in this order: {@code Pipeline.run("alpha", 3)} (three {@code fetch}
 * children and a {@code summarize}), {@code Pipeline.run("beta", 1)} and {@code
 * Pipeline.explode("bad input")}, which fails with an {@link IllegalStateException}. Nine calls.
 * Prints {@code alpha <id> at <Call.uiUrl() or ->}.
 */
public final class PipelineApp {

  private PipelineApp() {}

  public static void main(String[] args) throws InterruptedException {
    CallResult<String> alpha = Weave.call(() -> Pipeline.run("alpha", 3));
    System.out.println(alpha.result());
    Call call = alpha.call().orElseThrow();
    System.out.println("alpha " + call.id() + " at " + call.uiUrl().orElse("-"));
    System.out.println(Pipeline.run("beta", 1));
    try {
      Pipeline.explode("bad input");
    } catch (IllegalStateException e) {
      System.out.println("caught " + e.getMessage());
    }
  }
}

final class Pipeline {

  private Pipeline() {}

  @WeaveOp
  static String run(String topic, int n) throws InterruptedException {
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      docs.add(fetch(i));
    }
    return summarize(docs);
  }

  @WeaveOp
  static String fetch(int i) throws InterruptedException {
    Thread.sleep(2); // distinct start times, so sorting by started_at is well defined
    return "doc-" + i;
  }

  @WeaveOp
  static String summarize(List<String> docs) throws InterruptedException {
    Thread.sleep(2);
    return docs.size() + " docs: " + String.join("+", docs);
  }

  @WeaveOp
  static void explode(String why) {
    throw new IllegalStateException("exploded on " + why);
  }
}
