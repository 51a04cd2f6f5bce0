package dev.weave4j.internal.query;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Internal, unstable. Dotted paths into a call: the first segment names a top-level field, the rest
 * walk objects (by key) and arrays (by index). A key that itself contains dots (a model name such
 * as {@code gpt-4.1}) is found by trying the longest key first.
 */
public final class FieldPath {

  private FieldPath() {}

  /** The value at {@code path} in {@code row}, or null when there is none. */
  public static JsonNode resolve(CallRow row, String path) {
    int dot = path.indexOf('.');
    if (dot < 0) {
      return present(row.field(path));
    }
    return walk(row.field(path.substring(0, dot)), path.substring(dot + 1));
  }

  /** The value at the dotted {@code path} below {@code node}, or null. */
  public static JsonNode walk(JsonNode node, String path) {
    node = present(node);
    if (node == null) {
      return null;
    }
    if (node.isObject()) {
      JsonNode whole = node.get(path);
      if (whole != null) {
        return present(whole);
      }
      for (int dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
        JsonNode head = node.get(path.substring(0, dot));
        if (head != null) {
          JsonNode found = walk(head, path.substring(dot + 1));
          if (found != null) {
            return found;
          }
        }
      }
      return null;
    }
    if (node.isArray()) {
      int dot = path.indexOf('.');
      String head = dot < 0 ? path : path.substring(0, dot);
      try {
        JsonNode item = node.get(Integer.parseInt(head));
        return dot < 0 ? present(item) : walk(item, path.substring(dot + 1));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static JsonNode present(JsonNode n) {
    return n == null || n.isMissingNode() || n.isNull() ? null : n;
  }
}
