package dev.weave4j.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.internal.store.OpRefs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Internal, unstable. The {@code filter} of a calls query (weave-protocol.md §1.8). Every list that
 * is set must match (any of its values); an empty list matches nothing, as on the server. An op
 * name matches the call's {@code op_name} exactly, as an op ref with digest {@code *} ({@code
 * weave:///e/p/op/name:*}), or by the plain op name of the ref (a weave4j convenience).
 */
public record CallsFilter(
    List<String> opNames,
    List<String> inputRefs,
    List<String> outputRefs,
    List<String> parentIds,
    List<String> traceIds,
    List<String> callIds,
    List<String> threadIds,
    List<String> turnIds,
    Boolean traceRootsOnly,
    List<String> wbUserIds,
    List<String> wbRunIds) {

  /** Matches every call. */
  public static final CallsFilter NONE =
      new CallsFilter(null, null, null, null, null, null, null, null, null, null, null);

  private static final List<String> KEYS =
      List.of(
          "op_names",
          "input_refs",
          "output_refs",
          "parent_ids",
          "trace_ids",
          "call_ids",
          "thread_ids",
          "turn_ids",
          "trace_roots_only",
          "wb_user_ids",
          "wb_run_ids");

  /** Parses a request's {@code filter} object (unknown keys are rejected). */
  public static CallsFilter fromJson(JsonNode n) {
    if (n == null || n.isNull()) {
      return NONE;
    }
    if (!n.isObject()) {
      throw new QueryException("filter", "must be an object");
    }
    n.fieldNames()
        .forEachRemaining(
            k -> {
              if (!KEYS.contains(k)) {
                throw new QueryException("filter." + k, "extra inputs are not permitted");
              }
            });
    JsonNode roots = n.get("trace_roots_only");
    if (roots != null && !roots.isNull() && !roots.isBoolean()) {
      throw new QueryException("filter.trace_roots_only", "must be a boolean");
    }
    return new CallsFilter(
        list(n, "op_names"),
        list(n, "input_refs"),
        list(n, "output_refs"),
        list(n, "parent_ids"),
        list(n, "trace_ids"),
        list(n, "call_ids"),
        list(n, "thread_ids"),
        list(n, "turn_ids"),
        roots == null || roots.isNull() ? null : roots.booleanValue(),
        list(n, "wb_user_ids"),
        list(n, "wb_run_ids"));
  }

  /** This filter as request JSON, without unset fields; null when nothing is set. */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    put(o, "op_names", opNames);
    put(o, "input_refs", inputRefs);
    put(o, "output_refs", outputRefs);
    put(o, "parent_ids", parentIds);
    put(o, "trace_ids", traceIds);
    put(o, "call_ids", callIds);
    put(o, "thread_ids", threadIds);
    put(o, "turn_ids", turnIds);
    if (traceRootsOnly != null) {
      o.put("trace_roots_only", traceRootsOnly);
    }
    put(o, "wb_user_ids", wbUserIds);
    put(o, "wb_run_ids", wbRunIds);
    return o.isEmpty() ? null : o;
  }

  /** Whether {@code row} passes every field that is set. */
  public boolean test(CallRow row) {
    if (opNames != null && !opNameMatches(text(row, "op_name"))) {
      return false;
    }
    if (Boolean.TRUE.equals(traceRootsOnly) && text(row, "parent_id") != null) {
      return false;
    }
    return in(callIds, row, "id")
        && in(traceIds, row, "trace_id")
        && in(parentIds, row, "parent_id")
        && in(threadIds, row, "thread_id")
        && in(turnIds, row, "turn_id")
        && in(wbUserIds, row, "wb_user_id")
        && in(wbRunIds, row, "wb_run_id")
        && (inputRefs == null || refs(inputRefs, row.field("inputs")))
        && (outputRefs == null || refs(outputRefs, row.field("output")));
  }

  private boolean opNameMatches(String opName) {
    if (opName == null) {
      return false;
    }
    String plain = OpRefs.name(opName);
    for (String want : opNames) {
      if (want.equals(opName) || want.equals(plain)) {
        return true;
      }
      if (want.endsWith(":*") && opName.startsWith(want.substring(0, want.length() - 1))) {
        return true;
      }
    }
    return false;
  }

  private static boolean in(List<String> wanted, CallRow row, String field) {
    if (wanted == null) {
      return true;
    }
    String value = text(row, field);
    return value != null && wanted.contains(value);
  }

  private static boolean refs(List<String> wanted, JsonNode value) {
    Set<String> found = new HashSet<>();
    collectRefs(value, found);
    for (String w : wanted) {
      if (found.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /** Strings starting with {@code weave:///} anywhere in a value are refs (protocol §2.3). */
  private static void collectRefs(JsonNode v, Set<String> out) {
    if (v == null) {
      return;
    }
    if (v.isTextual() && v.textValue().startsWith("weave:///")) {
      out.add(v.textValue());
    } else if (v.isContainerNode()) {
      v.elements().forEachRemaining(e -> collectRefs(e, out));
    }
  }

  private static String text(CallRow row, String field) {
    JsonNode v = row.field(field);
    return v == null || !v.isTextual() ? null : v.textValue();
  }

  private static List<String> list(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      throw new QueryException("filter." + key, "must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode s : v) {
      if (!s.isTextual()) {
        throw new QueryException("filter." + key, "must be an array of strings");
      }
      out.add(s.textValue());
    }
    return List.copyOf(out);
  }

  private static void put(ObjectNode o, String key, List<String> values) {
    if (values != null) {
      values.forEach(o.putArray(key)::add);
    }
  }
}
