package dev.weave4j.it.apps;

import dev.weave4j.annotations.WeaveOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ops that take and return values a serializer can trip over: cycles, a 50 MB string, an object
 * whose every accessor throws, and values nested 10,000 deep. The app must not notice the agent.
 */
public final class HostileApp {

  public static final int HUGE = 50 * 1024 * 1024;
  public static final int DEEP = 10_000;

  private HostileApp() {}

  public static void main(String[] args) {
    Hostile h = new Hostile();

    GraphNode a = new GraphNode("a");
    GraphNode b = new GraphNode("b");
    a.next = b;
    b.next = a;
    a.peers.add(a);
    a.peers.add(b);
    System.out.println("cycle: " + h.relink(a).name);

    List<Object> selfList = new ArrayList<>();
    selfList.add("x");
    selfList.add(selfList);
    System.out.println("self list: " + h.count(selfList));

    Map<String, Object> selfMap = new HashMap<>();
    selfMap.put("me", selfMap);
    System.out.println("self map: " + h.keys(selfMap));

    System.out.println("huge in: " + h.measure("x".repeat(HUGE)));
    System.out.println("huge out: " + h.inflate(HUGE).length());

    System.out.println("trap: " + h.inspect(new Trap()).getClass().getSimpleName());

    Map<String, Object> deepMap = new HashMap<>();
    Map<String, Object> m = deepMap;
    for (int i = 0; i < DEEP; i++) {
      Map<String, Object> child = new HashMap<>();
      m.put("child", child);
      m = child;
    }
    System.out.println("deep map: " + h.mapDepth(deepMap));

    List<Object> deepList = new ArrayList<>();
    List<Object> l = deepList;
    for (int i = 0; i < DEEP; i++) {
      List<Object> inner = new ArrayList<>();
      l.add(inner);
      l = inner;
    }
    System.out.println("deep list: " + h.listDepth(deepList));

    GraphNode chain = new GraphNode("n0");
    GraphNode tail = chain;
    for (int i = 1; i < DEEP; i++) {
      tail.next = new GraphNode("n" + i);
      tail = tail.next;
    }
    System.out.println("deep chain: " + h.chainLength(chain));
    System.out.println("done");
  }
}

class GraphNode {
  final String name;
  GraphNode next;
  final List<GraphNode> peers = new ArrayList<>();

  GraphNode(String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  public GraphNode getNext() {
    return next;
  }
}

/** Every accessor throws, including toString, hashCode and equals. */
class Trap {
  private final String secretState = "state";

  public String getName() {
    throw new IllegalStateException("getter trap");
  }

  public int getSize() {
    throw new UnsupportedOperationException("size trap");
  }

  @Override
  public String toString() {
    throw new IllegalStateException("toString trap");
  }

  @Override
  public int hashCode() {
    throw new IllegalStateException("hashCode trap");
  }

  @Override
  public boolean equals(Object o) {
    throw new IllegalStateException("equals trap " + secretState);
  }
}

class Hostile {

  @WeaveOp
  GraphNode relink(GraphNode head) {
    return head.next.next;
  }

  @WeaveOp
  int count(List<Object> items) {
    return items.size();
  }

  @WeaveOp
  int keys(Map<String, Object> map) {
    return map.size();
  }

  @WeaveOp
  int measure(String text) {
    return text.length();
  }

  @WeaveOp
  String inflate(int size) {
    return "y".repeat(size);
  }

  @WeaveOp
  Trap inspect(Trap trap) {
    return trap;
  }

  @WeaveOp
  @SuppressWarnings("unchecked")
  int mapDepth(Map<String, Object> tree) {
    int depth = 0;
    for (Map<String, Object> m = tree; m != null; m = (Map<String, Object>) m.get("child")) {
      depth++;
    }
    return depth;
  }

  @WeaveOp
  @SuppressWarnings("unchecked")
  int listDepth(List<Object> nested) {
    int depth = 0;
    for (List<Object> l = nested; !l.isEmpty(); l = (List<Object>) l.get(0)) {
      depth++;
    }
    return depth;
  }

  @WeaveOp
  int chainLength(GraphNode head) {
    int n = 0;
    for (GraphNode g = head; g != null; g = g.next) {
      n++;
    }
    return n;
  }
}
