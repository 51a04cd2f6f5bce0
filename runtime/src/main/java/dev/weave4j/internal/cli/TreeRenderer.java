package dev.weave4j.internal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a call tree, one line per call: name, status, latency, tokens, short inputs and output.
 *
 * <pre>
 * Agent.run  ✓ 1.2 s  15 tokens  (query="What is Weave?") → "Weave is …"
 * ├─ Retriever.retrieve  ✓ 12 ms  (query="What is Weave?", k=3) → ["doc a", "doc b", …]
 * └─ Llm.complete  ✗ IllegalStateException: boom  40 ms  (prompt="…")
 * </pre>
 */
final class TreeRenderer {

  private final boolean showIds;
  private final String highlightId;

  /**
   * @param showIds append each call's id
   * @param highlightId a call to mark with {@code ◀}, or null
   */
  TreeRenderer(boolean showIds, String highlightId) {
    this.showIds = showIds;
    this.highlightId = highlightId;
  }

  List<String> render(List<CallTree.Node> tops) {
    List<String> lines = new ArrayList<>();
    for (CallTree.Node top : tops) {
      render(top, "", "", lines);
    }
    return lines;
  }

  private void render(CallTree.Node node, String first, String rest, List<String> lines) {
    lines.add(first + line(node.call()));
    List<CallTree.Node> kids = node.children();
    for (int i = 0; i < kids.size(); i++) {
      boolean last = i == kids.size() - 1;
      render(kids.get(i), rest + (last ? "└─ " : "├─ "), rest + (last ? "   " : "│  "), lines);
    }
  }

  /** The line of one call, without the tree prefix. */
  String line(JsonNode call) {
    StringBuilder sb = new StringBuilder(CallFormat.name(call));
    String status = CallFormat.status(call);
    sb.append("  ").append(CallFormat.statusMark(call));
    switch (status) {
      case "error" -> {
        String ex = CallFormat.exception(call);
        if (!ex.isEmpty()) {
          sb.append(' ').append(CallFormat.cut(ex, ValueShortener.MAX));
        }
      }
      case "running" -> sb.append(" running");
      case "unfinished" -> sb.append(" unfinished (its process ended first)");
      case "descendant_error" -> sb.append(" (child error)");
      default -> {}
    }
    String latency = CallFormat.latency(call);
    if (!latency.isEmpty()) {
      sb.append("success".equals(status) ? " " : "  ").append(latency);
    }
    String tokens = CallFormat.tokensLabel(call);
    if (!tokens.isEmpty()) {
      sb.append("  ").append(tokens);
    }
    JsonNode inputs = call.path("inputs");
    sb.append("  (").append(ValueShortener.inputs(inputs, ValueShortener.MAX)).append(')');
    JsonNode output = call.get("output");
    if ("success".equals(status) || "descendant_error".equals(status)) {
      if (output != null && !output.isNull()) {
        sb.append(" → ").append(ValueShortener.value(output, ValueShortener.MAX));
      }
    }
    if (showIds) {
      sb.append("  [").append(IdResolver.shortForm(call.path("id").asText())).append(']');
    }
    if (highlightId != null && highlightId.equals(call.path("id").asText())) {
      sb.append("  ◀");
    }
    return CallFormat.printable(sb.toString());
  }
}
