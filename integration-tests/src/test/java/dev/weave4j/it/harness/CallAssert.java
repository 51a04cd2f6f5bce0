package dev.weave4j.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Reads as a call expectation: {@code assertThatCall(c).hasOp("Pipeline.answer").hasInputs("{
 * \"query\": \"q\", \"topK\": 3 }").succeeded()}. JSON expectations are given as JSON text (single
 * quotes allowed for readability) and compared as trees.
 */
public final class CallAssert extends AbstractAssert<CallAssert, CallNode> {

  private CallAssert(CallNode actual) {
    super(actual, CallAssert.class);
  }

  public static CallAssert assertThatCall(CallNode call) {
    return new CallAssert(call);
  }

  public CallAssert hasOp(String opName) {
    isNotNull();
    assertThat(actual.opName()).as("op_name of %s", actual).isEqualTo(opName);
    return this;
  }

  /** The inputs are exactly this JSON object (no more keys, in particular no {@code this}). */
  public CallAssert hasInputs(String json) {
    isNotNull();
    assertThat(actual.inputs()).as("inputs of %s", actual).isEqualTo(parseLoose(json));
    return this;
  }

  /** The input names, exactly, in any order. */
  public CallAssert hasInputNames(String... names) {
    isNotNull();
    List<String> keys = new ArrayList<>();
    actual.inputs().fieldNames().forEachRemaining(keys::add);
    assertThat(keys).as("input names of %s", actual).containsExactlyInAnyOrder(names);
    return this;
  }

  /** The input {@code name} is this JSON value. */
  public CallAssert hasInput(String name, String json) {
    isNotNull();
    assertThat(actual.inputs().get(name))
        .as("input %s of %s", name, actual)
        .isEqualTo(parseLoose(json));
    return this;
  }

  /** The output is this JSON value. */
  public CallAssert hasOutput(String json) {
    isNotNull();
    assertThat(actual.output()).as("output of %s", actual).isEqualTo(parseLoose(json));
    return this;
  }

  /**
   * Ended without an exception of its own but with a failed call below it: Weave's computed status
   * {@code descendant_error}.
   */
  public CallAssert succeededWithFailedDescendant() {
    isNotNull();
    assertThat(actual.status())
        .as("summary.weave.status of %s", actual)
        .isEqualTo("descendant_error");
    assertThat(actual.exceptionText()).as("exception of %s", actual).isNull();
    assertThat(actual.endedAt()).as("ended_at of %s", actual).isNotNull();
    return this;
  }

  /** Ended without an exception: status success, no exception recorded. */
  public CallAssert succeeded() {
    isNotNull();
    assertThat(actual.status()).as("summary.weave.status of %s", actual).isEqualTo("success");
    assertThat(actual.exceptionText()).as("exception of %s", actual).isNull();
    assertThat(actual.endedAt()).as("ended_at of %s", actual).isNotNull();
    return this;
  }

  /**
   * Ended with an exception of type {@code type} (fully qualified) and message {@code message},
   * with a traceback naming the method that threw.
   */
  public CallAssert failedWith(String type, String message, String thrownInMethod) {
    isNotNull();
    assertThat(actual.status()).as("summary.weave.status of %s", actual).isEqualTo("error");
    JsonNode ex = actual.exception();
    assertThat(ex).as("exception of %s", actual).isNotNull();
    assertThat(ex.path("type").asText()).as("exception type of %s", actual).isEqualTo(type);
    assertThat(ex.path("message").asText())
        .as("exception message of %s", actual)
        .isEqualTo(message);
    JsonNode tb = ex.path("traceback");
    assertThat(tb.isArray() && tb.size() > 0).as("non-empty traceback of %s", actual).isTrue();
    for (JsonNode frame : tb) {
      assertThat(frame.has("filename") && frame.has("line_number") && frame.has("function_name"))
          .as("traceback frame %s has filename, line_number, function_name", frame)
          .isTrue();
    }
    assertThat(tb.get(0).path("function_name").asText())
        .as("innermost traceback frame of %s", actual)
        .contains(thrownInMethod);
    return this;
  }

  /** The call's children have exactly these op names, in any order. */
  public CallAssert hasChildOps(String... opNames) {
    isNotNull();
    assertThat(actual.children().stream().map(CallNode::opName).collect(Collectors.toList()))
        .as("op names of the children of %s", actual)
        .containsExactlyInAnyOrder(opNames);
    return this;
  }

  /** A root: no parent. */
  public CallAssert isRoot() {
    isNotNull();
    assertThat(actual.parentId()).as("parent_id of %s", actual).isNull();
    assertThat(actual.traceId()).as("trace_id of %s", actual).isNotBlank();
    return this;
  }

  /**
   * Every call under this one shares its trace id and points at its own parent, and lies within its
   * parent's time span.
   */
  public CallAssert isConsistentTree() {
    isNotNull();
    checkTree(actual, actual.traceId());
    return this;
  }

  private static void checkTree(CallNode parent, String traceId) {
    for (CallNode child : parent.children()) {
      assertThat(child.traceId())
          .as("trace_id of %s (under %s)", child, parent.opName())
          .isEqualTo(traceId);
      assertThat(child.parentId()).as("parent_id of %s", child).isEqualTo(parent.id());
      assertThat(child.id()).as("id of %s", child).isNotEqualTo(parent.id());
      if (parent.startedAt() != null && child.startedAt() != null) {
        assertThat(child.startedAt())
            .as("started_at of %s vs its parent", child)
            .isGreaterThanOrEqualTo(parent.startedAt());
      }
      if (parent.endedAt() != null && child.endedAt() != null) {
        assertThat(child.endedAt())
            .as("ended_at of %s vs its parent", child)
            .isLessThanOrEqualTo(parent.endedAt());
      }
      checkTree(child, traceId);
    }
  }

  /** Parses JSON text that may use single quotes for strings. */
  static JsonNode parseLoose(String json) {
    return Json.parse(json.replace('\'', '"'));
  }

  /** Every field name of {@code node}, at any depth (for redaction checks). */
  public static List<String> allFieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    collect(node, names);
    return names;
  }

  private static void collect(JsonNode node, List<String> names) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String n = it.next();
      names.add(n);
      collect(node.get(n), names);
    }
    if (node.isArray()) {
      node.forEach(n -> collect(n, names));
    }
  }
}
