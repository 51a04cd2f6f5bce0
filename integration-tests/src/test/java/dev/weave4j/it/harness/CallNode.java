package dev.weave4j.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One call in CallSchema form ({@code id, project_id, op_name, trace_id, parent_id, started_at,
 * attributes, inputs, ended_at, exception, output, summary}) with its children, as printed by the
 * command line or merged from the raw store's start and end records.
 */
public final class CallNode {

  private final ObjectNode json;
  private final String source;
  private final List<CallNode> children = new ArrayList<>();

  private CallNode(ObjectNode json, String source) {
    this.json = json;
    this.source = source;
  }

  /**
   * Wraps CallSchema JSON; nested {@code children} (as printed by {@code tree}) are wrapped too.
   */
  static CallNode of(JsonNode json, String source) {
    if (!json.isObject()) {
      throw new AssertionError(
          source + ": expected a call object, got " + Json.abbreviate(json.toString(), 500));
    }
    CallNode node = new CallNode((ObjectNode) json, source);
    JsonNode kids = json.get("children");
    if (kids != null && kids.isArray()) {
      kids.forEach(k -> node.children.add(of(k, source)));
    }
    return node;
  }

  /** A node built by {@link TraceStore} from raw records; children are added by the store. */
  static CallNode merged(ObjectNode json, String source) {
    return new CallNode(json, source);
  }

  void addChild(CallNode child) {
    children.add(child);
  }

  public String id() {
    return text("id");
  }

  public String opName() {
    return text("op_name");
  }

  public String traceId() {
    return text("trace_id");
  }

  /** The parent call's id; null for a root call. */
  public String parentId() {
    return text("parent_id");
  }

  public String startedAt() {
    return text("started_at");
  }

  public String endedAt() {
    return text("ended_at");
  }

  public JsonNode inputs() {
    return json.path("inputs");
  }

  /** The recorded output; JSON null (or missing) when there is none. */
  public JsonNode output() {
    return json.path("output");
  }

  public JsonNode attributes() {
    return json.path("attributes");
  }

  public JsonNode summary() {
    return json.path("summary");
  }

  /** {@code summary.weave.status}: success, error or running. */
  public String status() {
    JsonNode s = json.path("summary").path("weave").path("status");
    return s.isTextual() ? s.asText() : null;
  }

  /** The raw exception string (Weave's exception JSON as text), or null. */
  public String exceptionText() {
    return text("exception");
  }

  /** The exception string parsed: {@code type, message, traceback}; null when there is none. */
  public JsonNode exception() {
    String e = exceptionText();
    return e == null ? null : Json.parse(e);
  }

  public List<CallNode> children() {
    return Collections.unmodifiableList(children);
  }

  /** The children with op name {@code opName}, in the order they are listed. */
  public List<CallNode> children(String opName) {
    return children.stream().filter(c -> opName.equals(c.opName())).collect(Collectors.toList());
  }

  /** The one child with op name {@code opName}; fails when there is none or more than one. */
  public CallNode child(String opName) {
    List<CallNode> found = children(opName);
    if (found.size() != 1) {
      throw new AssertionError(
          "expected exactly one child "
              + opName
              + " of "
              + opName()
              + " but found "
              + found.size()
              + "; children: "
              + children.stream().map(CallNode::opName).collect(Collectors.toList()));
    }
    return found.get(0);
  }

  /** This call and all its descendants, depth first. */
  public List<CallNode> subtree() {
    List<CallNode> all = new ArrayList<>();
    walk(all::add);
    return all;
  }

  /** The one call in this subtree with op name {@code opName}. */
  public CallNode find(String opName) {
    List<CallNode> found = findAll(opName);
    if (found.size() != 1) {
      throw new AssertionError(
          "expected exactly one call "
              + opName
              + " under "
              + opName()
              + " but found "
              + found.size()
              + "; ops in the tree: "
              + subtree().stream().map(CallNode::opName).collect(Collectors.toList()));
    }
    return found.get(0);
  }

  /** Every call in this subtree with op name {@code opName}. */
  public List<CallNode> findAll(String opName) {
    return subtree().stream().filter(c -> opName.equals(c.opName())).collect(Collectors.toList());
  }

  private void walk(Consumer<CallNode> visitor) {
    visitor.accept(this);
    children.forEach(c -> c.walk(visitor));
  }

  /** The call's JSON without its children. */
  public ObjectNode json() {
    ObjectNode copy = json.deepCopy();
    copy.remove("children");
    return copy;
  }

  /** Where this node was read from (for failure messages). */
  public String source() {
    return source;
  }

  private String text(String field) {
    JsonNode v = json.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  @Override
  public String toString() {
    return opName() + " " + Json.abbreviate(json().toString(), 1500) + " (from " + source + ")";
  }
}
