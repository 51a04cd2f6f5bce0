package dev.weave4j.internal.remote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpCodeTextTest {

  private static final String SOURCE =
      String.join(
          "\n",
          "package com.acme;",
          "",
          "class Pipeline {",
          "  String answer(int x) { return \"overload\"; }",
          "",
          "  /** Answers. */",
          "  @WeaveOp(kind = \"agent\")",
          "  @Deprecated",
          "  public String answer(String query, int topK) {",
          "    if (query.isEmpty()) { return \"}\"; } // a brace in a string: }",
          "    return query + topK;",
          "  }",
          "",
          "  void other() {}",
          "}");

  @Test
  void theOpMethodsSourceIsItsAnnotatedDeclarationToItsClosingBrace() {
    String method = OpCodeText.method(SOURCE, "answer");

    assertThat(method)
        .startsWith("@WeaveOp(kind = \"agent\")\n@Deprecated\npublic String answer(String query")
        .endsWith("return query + topK;\n}")
        .doesNotContain("overload")
        .doesNotContain("other");
  }

  @Test
  void anOpWithoutRegisteredCodeGetsAStub() {
    assertThat(OpCodeText.of("manual-op")).contains("weave4j op manual-op");
  }
}
