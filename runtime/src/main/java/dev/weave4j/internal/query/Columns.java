package dev.weave4j.internal.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * Internal, unstable. The {@code columns} projection: the listed top-level fields (a dotted column
 * keeps its whole top-level field), plus the fields always returned.
 */
public final class Columns {

  /** Returned whatever the projection (weave-protocol.md §1.8). */
  public static final Set<String> ALWAYS =
      Set.of("id", "project_id", "trace_id", "op_name", "started_at");

  private Columns() {}

  /** {@code call} reduced to {@code columns}; the call itself when {@code columns} is null. */
  public static ObjectNode project(ObjectNode call, List<String> columns) {
    if (columns == null) {
      return call;
    }
    ObjectNode out = call.objectNode();
    call.fields()
        .forEachRemaining(
            e -> {
              if (ALWAYS.contains(e.getKey()) || wanted(columns, e.getKey())) {
                out.set(e.getKey(), e.getValue());
              }
            });
    return out;
  }

  private static boolean wanted(List<String> columns, String field) {
    for (String c : columns) {
      if (c.equals(field) || c.startsWith(field + ".")) {
        return true;
      }
    }
    return false;
  }
}
