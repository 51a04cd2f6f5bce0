package dev.weave4j.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Internal, unstable. One call as the query engine sees it: top-level {@code CallSchema} fields on
 * demand, so an index can answer cheap fields without reading the whole call.
 */
public interface CallRow {

  /** A top-level field of the CallSchema ({@code op_name}, {@code inputs}, ...); null if absent. */
  JsonNode field(String name);

  /** The whole CallSchema object. */
  ObjectNode call();

  /** Drops what was read to answer {@link #field} (it is read again when asked for). */
  default void release() {}

  /** A row over a whole CallSchema object. */
  static CallRow of(ObjectNode call) {
    return new CallRow() {
      @Override
      public JsonNode field(String name) {
        return call.get(name);
      }

      @Override
      public ObjectNode call() {
        return call;
      }
    };
  }
}
