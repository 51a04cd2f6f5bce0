package dev.weave4j.integrations.springai;

import dev.weave4j.internal.trace.OpDescriptor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The ops Spring AI calls are recorded as. */
final class SpringAiOps {

  static final OpDescriptor CHAT_CALL = libraryOp("spring_ai.ChatModel.call", "call", "llm");
  static final OpDescriptor CHAT_STREAM = libraryOp("spring_ai.ChatModel.stream", "stream", "llm");
  static final OpDescriptor CLIENT_CALL = libraryOp("spring_ai.ChatClient.call", "call", null);
  static final OpDescriptor CLIENT_STREAM =
      libraryOp("spring_ai.ChatClient.stream", "stream", null);
  static final OpDescriptor EMBEDDING = libraryOp("spring_ai.EmbeddingModel.call", "call", null);
  static final OpDescriptor SEARCH =
      libraryOp("spring_ai.VectorStore.similarity_search", "similaritySearch", null);

  /** Beyond this many tool names, tools share one op per name no longer (a bounded cache). */
  private static final int MAX_TOOLS = 1024;

  private static final Map<String, OpDescriptor> TOOLS = new ConcurrentHashMap<>();

  private SpringAiOps() {}

  /**
   * The op of the tool named {@code name}: one descriptor per name, so that a tool callback whose
   * {@code call(String, ToolContext)} delegates to its {@code call(String)} is one call.
   */
  static OpDescriptor tool(String name) {
    String n = name == null || name.isBlank() ? "spring_ai.tool" : name;
    OpDescriptor op = TOOLS.get(n);
    if (op == null) {
      op = op(n, "call", "tool");
      if (TOOLS.size() < MAX_TOOLS) {
        OpDescriptor raced = TOOLS.putIfAbsent(n, op);
        op = raced == null ? op : raced;
      }
    }
    return op;
  }

  /** An op of Spring AI itself: the {@code weave.integrations.spring_ai.*} op settings apply. */
  private static OpDescriptor libraryOp(String name, String method, String kind) {
    return op(name, method, kind, "spring_ai");
  }

  /** A tool is the application's: named after it, never renamed by the op settings. */
  private static OpDescriptor op(String name, String method, String kind) {
    return op(name, method, kind, null);
  }

  private static OpDescriptor op(String name, String method, String kind, String integration) {
    OpDescriptor.Builder b = OpDescriptor.builder(name, method).integration(integration);
    return kind == null ? b.build() : b.kind(kind).build();
  }
}
