package dev.weave4j.internal.query;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Internal, unstable. How query values compare: numbers numerically (a string that parses as a
 * number compares as one against a number), strings by code point, booleans false before true; null
 * (absent) is equal only to null and smaller than every value.
 */
final class Values {

  private Values() {}

  static boolean truthy(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return false;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isNumber()) {
      return v.doubleValue() != 0;
    }
    if (v.isTextual()) {
      return !v.textValue().isEmpty() && !"false".equalsIgnoreCase(v.textValue());
    }
    return v.size() > 0;
  }

  static boolean isNull(JsonNode v) {
    return v == null || v.isNull() || v.isMissingNode();
  }

  static boolean equal(JsonNode a, JsonNode b) {
    if (isNull(a) || isNull(b)) {
      return isNull(a) && isNull(b);
    }
    Double x = number(a, b);
    Double y = number(b, a);
    if (x != null && y != null) {
      return x.doubleValue() == y.doubleValue();
    }
    if (a.isValueNode() && b.isValueNode()) {
      return text(a).equals(text(b));
    }
    return a.equals(b);
  }

  /**
   * Orders two values; null when they cannot be ordered (either is null, or a number against a
   * non-numeric value), which makes {@code $gt} and friends false.
   */
  static Integer compare(JsonNode a, JsonNode b) {
    if (isNull(a) || isNull(b)) {
      return null;
    }
    Double x = number(a, b);
    Double y = number(b, a);
    if (x != null && y != null) {
      return Double.compare(x, y);
    }
    if (a.isNumber() || b.isNumber()) {
      return null;
    }
    if (a.isBoolean() && b.isBoolean()) {
      return Boolean.compare(a.booleanValue(), b.booleanValue());
    }
    return text(a).compareTo(text(b));
  }

  /**
   * A total order for sorting: nulls first, then numbers (and numeric strings, by value), then
   * booleans, then everything else by text.
   */
  static int sortCompare(JsonNode a, JsonNode b) {
    boolean na = isNull(a);
    boolean nb = isNull(b);
    if (na || nb) {
      return na == nb ? 0 : na ? -1 : 1;
    }
    Double x = sortNumber(a);
    Double y = sortNumber(b);
    if (x != null || y != null) {
      return x == null ? 1 : y == null ? -1 : Double.compare(x, y);
    }
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    if (ra == 1) {
      return Boolean.compare(a.booleanValue(), b.booleanValue());
    }
    return text(a).compareTo(text(b));
  }

  private static int rank(JsonNode v) {
    return v.isBoolean() ? 1 : 2;
  }

  private static Double sortNumber(JsonNode v) {
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isTextual() && !v.textValue().isEmpty() && isNumeric(v.textValue())) {
      return parseDouble(v.textValue());
    }
    return null;
  }

  private static boolean isNumeric(String s) {
    char c = s.charAt(0);
    return (c >= '0' && c <= '9') || c == '-' || c == '.';
  }

  /** {@code v} as a number: a number, or a numeric string compared against a number. */
  private static Double number(JsonNode v, JsonNode other) {
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isTextual() && other.isNumber()) {
      return parseDouble(v.textValue());
    }
    return null;
  }

  static Double parseDouble(String s) {
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Text of a value: strings as is, other values as JSON. */
  static String text(JsonNode v) {
    return v.isTextual() ? v.textValue() : v.toString();
  }
}
