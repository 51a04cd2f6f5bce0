package dev.weave4j.it.apps;

import dev.weave4j.annotations.WeaveOp;

/**
 * Flat out: {@code args[0]} traced calls, each with a fresh input of {@code args[1]} KB (so the app
 * itself keeps none of them), each call with one child; prints {@code done N}.
 */
public final class BigInputsApp {

  private BigInputsApp() {}

  public static void main(String[] args) {
    int calls = Integer.parseInt(args[0]);
    char[] text = new char[Integer.parseInt(args[1]) * 1024];
    java.util.Arrays.fill(text, 'x');
    long total = 0;
    for (int i = 0; i < calls; i++) {
      text[i % text.length] = (char) ('a' + i % 26);
      total += Model.complete(new String(text), i);
    }
    System.out.println("done " + calls + " (" + total + ")");
  }

  static final class Model {

    private Model() {}

    @WeaveOp
    static int complete(String prompt, int i) {
      return count(prompt) + i % 2;
    }

    @WeaveOp
    static int count(String prompt) {
      return prompt.length();
    }
  }
}
