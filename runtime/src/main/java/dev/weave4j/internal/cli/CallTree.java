package dev.weave4j.internal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The calls of one trace arranged as a tree; children in start order. */
final class CallTree {

  /** A call and its children. */
  record Node(ObjectNode call, List<Node> children) {}

  private CallTree() {}

  /**
   * The top-level nodes of a trace: its root, plus any call whose parent is not in the trace (an
   * orphan whose parent's start was lost), plus the earliest call of any cycle of parent ids (a
   * corrupt or hand-made store), which is shown cut from its parent rather than dropped.
   *
   * @param calls the trace's calls, oldest first
   */
  static List<Node> build(List<ObjectNode> calls) {
    Map<String, Node> byId = new LinkedHashMap<>();
    for (ObjectNode call : calls) {
      byId.put(call.path("id").asText(), new Node(call, new ArrayList<>()));
    }
    List<Node> tops = new ArrayList<>();
    for (Node node : byId.values()) {
      String parent = node.call().path("parent_id").asText(null);
      Node p = parent == null ? null : byId.get(parent);
      if (p == null || p == node) {
        tops.add(node);
      } else {
        p.children().add(node);
      }
    }
    Set<Node> reached = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Node top : tops) {
      reach(top, reached);
    }
    for (Node node : byId.values()) {
      if (!reached.contains(node)) {
        byId.get(node.call().path("parent_id").asText()).children().removeIf(c -> c == node);
        tops.add(node);
        reach(node, reached);
      }
    }
    return tops;
  }

  private static void reach(Node node, Set<Node> reached) {
    Deque<Node> todo = new ArrayDeque<>(List.of(node));
    while (!todo.isEmpty()) {
      Node n = todo.pop();
      if (reached.add(n)) {
        todo.addAll(n.children());
      }
    }
  }

  /** The node as CallSchema JSON plus a {@code children} array, recursively. */
  static ObjectNode toJson(Node node) {
    ObjectNode json = node.call().deepCopy();
    ArrayNode children = json.putArray("children");
    for (Node child : node.children()) {
      children.add(toJson(child));
    }
    return json;
  }
}
