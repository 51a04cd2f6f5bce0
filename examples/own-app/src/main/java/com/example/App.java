package com.example;

import dev.weave4j.Weave;
import dev.weave4j.WeaveScope;
import dev.weave4j.annotations.WeaveOp;
import java.util.Map;

public class App {

  @WeaveOp
  static String answer(String question) {
    return "42, whatever the question: " + question;
  }

  public static void main(String[] args) {
    try (WeaveScope scope = Weave.attributes(Map.of("env", "readme"))) {
      System.out.println(answer("life"));
    }
  }
}
