package dev.weave4j.internal.query;

import com.fasterxml.jackson.databind.JsonNode;

/** Internal, unstable. A compiled {@code $expr} operation or operand. */
@FunctionalInterface
public interface Expr {

  /** The value of this operation for {@code row}; null for no value. */
  JsonNode eval(CallRow row);

  /** Whether this operation holds for {@code row}. */
  default boolean test(CallRow row) {
    return Values.truthy(eval(row));
  }
}
