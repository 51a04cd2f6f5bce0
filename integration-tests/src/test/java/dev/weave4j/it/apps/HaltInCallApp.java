package dev.weave4j.it.apps;

import dev.weave4j.Weave;
import dev.weave4j.annotations.WeaveOp;

/**
 * Ends its process in the middle of a traced call, as {@code kill -9} would: no shutdown hook, no
 * end record. Its start (and a finished child's records) are flushed first.
 */
public final class HaltInCallApp {

  private HaltInCallApp() {}

  public static void main(String[] args) {
    Job.run("nightly");
  }

  static final class Job {
    private Job() {}

    @WeaveOp
    static String run(String name) {
      Step.done(name);
      Weave.flush();
      System.out.println("halting inside the call");
      System.out.flush();
      Runtime.getRuntime().halt(9);
      return "never";
    }
  }

  static final class Step {
    private Step() {}

    @WeaveOp
    static String done(String name) {
      return name + " step done";
    }
  }
}
