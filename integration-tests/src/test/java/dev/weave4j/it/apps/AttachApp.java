package dev.weave4j.it.apps;

import com.sun.tools.attach.VirtualMachine;
import dev.weave4j.annotations.WeaveOp;

/**
 * Calls an op, then (when given the agent jar as its argument) attaches the agent to itself at run
 * time, then calls the same op again and an op of a class loaded only after the attach. Only the
 * calls after the attach are traced.
 */
public final class AttachApp {

  private AttachApp() {}

  public static void main(String[] args) throws Exception {
    Counter counter = new Counter();
    System.out.println("before attach: " + counter.tick(1));
    if (args.length > 0) {
      VirtualMachine vm = VirtualMachine.attach(String.valueOf(ProcessHandle.current().pid()));
      try {
        vm.loadAgent(args[0]);
      } finally {
        vm.detach();
      }
    }
    System.out.println("after attach: " + counter.tick(2));
    System.out.println("late class: " + new LateService().work("late-input"));
  }
}

class Counter {

  private int total;

  @WeaveOp
  int tick(int n) {
    return bump(n * 10);
  }

  @WeaveOp
  int bump(int by) {
    total += by;
    return total;
  }
}

/** First used after the attach: transformed when it loads, not retransformed. */
class LateService {
  @WeaveOp
  String work(String item) {
    return "worked on " + item;
  }
}
