package dev.weave4j.it.apps.ops;

import dev.weave4j.annotations.WeaveOp;

/**
 * {@code tracingSampleRate} 0, 1 and 0.5 on root ops, each root with a child and a grandchild (the
 * grandchild's own rate is 0, which must not matter below a traced root). Prints how often each op
 * ran, so the test sees that sampled-out code still runs.
 */
public final class SamplingApp {

  static int children;
  static int grandchildren;

  private SamplingApp() {}

  public static void main(String[] args) {
    Sampled s = new Sampled();
    int never = 0;
    int always = 0;
    int half = 0;
    for (int i = 0; i < 20; i++) {
      never += s.never(i);
    }
    for (int i = 0; i < 20; i++) {
      always += s.always(i);
    }
    for (int i = 0; i < 400; i++) {
      half += s.half(i);
    }
    System.out.println("never ran " + never);
    System.out.println("always ran " + always);
    System.out.println("half ran " + half);
    System.out.println("children ran " + children);
    System.out.println("grandchildren ran " + grandchildren);
  }

  public static final class Sampled {

    @WeaveOp(tracingSampleRate = 0.0)
    public int never(int i) {
      return child(i);
    }

    @WeaveOp(tracingSampleRate = 1.0)
    public int always(int i) {
      return child(i);
    }

    @WeaveOp(tracingSampleRate = 0.5)
    public int half(int i) {
      return child(i);
    }

    @WeaveOp
    public int child(int i) {
      children++;
      return grandchild(i);
    }

    @WeaveOp(tracingSampleRate = 0.0)
    public int grandchild(int i) {
      grandchildren++;
      return 1;
    }
  }
}
