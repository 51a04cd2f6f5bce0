package dev.weave4j.it.apps;

import dev.weave4j.annotations.WeaveOp;
import java.util.ArrayList;
import java.util.List;

/**
 * Overload with nested calls: {@code args[0]} threads each make {@code args[1]} three-level call
 * trees flat out (a root, two children, each with a grandchild), inputs of about 1 KB; prints
 * {@code done N}.
 */
public final class NestedFlatOutApp {

  private NestedFlatOutApp() {}

  public static void main(String[] args) throws InterruptedException {
    int threads = Integer.parseInt(args[0]);
    int trees = Integer.parseInt(args[1]);
    String text = "y".repeat(1024);
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread th =
          new Thread(
              () -> {
                for (int i = 0; i < trees; i++) {
                  Agent.run(text, i);
                }
              });
      th.start();
      all.add(th);
    }
    for (Thread th : all) {
      th.join();
    }
    System.out.println("done " + threads * trees);
  }

  static final class Agent {
    private Agent() {}

    @WeaveOp
    static int run(String task, int i) {
      return Tool.call(task, i) + Tool.call(task, i + 1);
    }
  }

  static final class Tool {
    private Tool() {}

    @WeaveOp
    static int call(String task, int i) {
      return Model.complete(task + i).length();
    }
  }

  static final class Model {
    private Model() {}

    @WeaveOp
    static String complete(String prompt) {
      return prompt.substring(0, 16);
    }
  }
}
