package dev.weave4j.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.internal.util.Timestamps;

/**
 * Builds a call shaped as the Weave server's {@code CallSchema} from its start and end requests,
 * with the server-derived {@code summary.weave} (weave-protocol.md §2.1, §2.5, §2.7).
 */
final class CallAssembler {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CallAssembler() {}

  /**
   * The CallSchema of one call.
   *
   * @param start the {@code req.start} object
   * @param end the {@code req.end} object, or null while the call runs
   * @param displayNameUpdate a later display name: null for none, "" when removed
   * @param writerGone whether the process that wrote the start is gone: a call without an end is
   *     then {@code unfinished} rather than {@code running}
   */
  static ObjectNode assemble(
      JsonNode start, JsonNode end, String displayNameUpdate, boolean writerGone) {
    String displayName = text(start.get("display_name"));
    if (displayNameUpdate != null) {
      displayName = displayNameUpdate;
    }
    if (displayName != null && displayName.isEmpty()) {
      displayName = null;
    }
    ObjectNode call = NODES.objectNode();
    call.set("id", start.get("id"));
    call.set("project_id", nullable(start.get("project_id")));
    call.set("op_name", nullable(start.get("op_name")));
    call.put("display_name", displayName);
    call.set("trace_id", start.get("trace_id"));
    call.set("parent_id", nullable(start.get("parent_id")));
    call.set("thread_id", nullable(start.get("thread_id")));
    call.set("turn_id", nullable(start.get("turn_id")));
    call.set("started_at", nullable(start.get("started_at")));
    call.set("attributes", objectOrEmpty(start.get("attributes")));
    call.set("inputs", objectOrEmpty(start.get("inputs")));
    call.set("ended_at", end == null ? NODES.nullNode() : nullable(end.get("ended_at")));
    call.set("exception", end == null ? NODES.nullNode() : nullable(end.get("exception")));
    call.set("output", end == null ? NODES.nullNode() : nullable(end.get("output")));
    ObjectNode summary = end == null ? NODES.objectNode() : objectOrEmpty(end.get("summary"));
    summary.set("weave", derivedSummary(call, summary, displayName, writerGone));
    call.set("summary", summary);
    return call;
  }

  /**
   * {@code {status, latency_ms?, trace_name | display_name}} as the server derives it, and the
   * status {@code unfinished} for a call whose writer ended without ending it.
   */
  private static ObjectNode derivedSummary(
      ObjectNode call, ObjectNode summary, String displayName, boolean writerGone) {
    ObjectNode weave = NODES.objectNode();
    boolean ended = !call.get("ended_at").isNull();
    String status;
    if (!call.get("exception").isNull()) {
      status = "error";
    } else if (!ended) {
      status = writerGone ? "unfinished" : "running";
    } else if (summary.path("status_counts").path("error").asLong(0) > 0) {
      status = "descendant_error";
    } else {
      status = "success";
    }
    weave.put("status", status);
    if (ended) {
      long started = Timestamps.parseMicros(text(call.get("started_at")));
      long endedAt = Timestamps.parseMicros(text(call.get("ended_at")));
      if (started >= 0 && endedAt >= 0) {
        weave.put("latency_ms", (endedAt - started) / 1000);
      }
    }
    if (displayName != null) {
      weave.put("display_name", displayName);
    } else {
      weave.put("trace_name", traceName(text(call.get("op_name"))));
    }
    return weave;
  }

  /** The op name of an op ref URI ({@code weave:///e/p/op/name:digest}), else the raw name. */
  static String traceName(String opName) {
    return OpRefs.name(opName);
  }

  private static JsonNode nullable(JsonNode n) {
    return n == null || n.isMissingNode() ? NODES.nullNode() : n;
  }

  private static ObjectNode objectOrEmpty(JsonNode n) {
    return n instanceof ObjectNode o ? o : NODES.objectNode();
  }

  private static String text(JsonNode n) {
    return n == null || !n.isTextual() ? null : n.asText();
  }
}
