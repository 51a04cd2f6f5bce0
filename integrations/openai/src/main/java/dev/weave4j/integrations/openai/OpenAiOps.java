package dev.weave4j.integrations.openai;

import dev.weave4j.internal.trace.OpDescriptor;

/** The ops OpenAI calls are recorded as (named as Weave's Python integration names them). */
final class OpenAiOps {

  static final String PROVIDER = "openai";

  static final OpDescriptor CHAT = op("openai.chat.completions.create", "create");
  static final OpDescriptor RESPONSES = op("openai.responses.create", "create");
  static final OpDescriptor EMBEDDINGS = op("openai.embeddings.create", "create");

  private OpenAiOps() {}

  private static OpDescriptor op(String name, String method) {
    return OpDescriptor.builder(name, method).kind("llm").integration(PROVIDER).build();
  }
}
