package dev.weave4j.internal.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Single-line, length-bounded forms of JSON values: {@code query="What is Weave?", k=3} for inputs
 * and {@code ["doc a", "doc b", …]} for values. Containers are cut at element boundaries with
 * {@code …}; long strings are cut inside their quotes.
 */
final class ValueShortener {

  /** The default bound, in characters. */
  static final int MAX = 80;

  private static final String MORE = "…";

  private ValueShortener() {}

  /** A bounded text and whether it is the whole value. */
  private record Text(String text, boolean complete) {}

  /** {@code name=value, …} of an inputs object (keys starting with '_' are kept). */
  static String inputs(JsonNode inputs, int max) {
    if (inputs == null || inputs.isMissingNode() || inputs.isNull()) {
      return "";
    }
    if (!inputs.isObject()) {
      return value(inputs, max);
    }
    return members(inputs.properties().iterator(), "", "", "=", max).text();
  }

  /** The value in at most {@code max} characters. */
  static String value(JsonNode value, int max) {
    return render(value, max).text();
  }

  private static Text render(JsonNode v, int max) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return fit("null", max);
    }
    if (v.isTextual()) {
      return string(v.asText(), max);
    }
    if (v.isArray()) {
      return elements(v.elements(), max);
    }
    if (v.isObject()) {
      String type = typeName(v);
      if (type != null) {
        Iterator<Map.Entry<String, JsonNode>> fields =
            v.properties().stream().filter(e -> !e.getKey().startsWith("_")).iterator();
        return members(fields, type + "(", ")", "=", max);
      }
      return members(v.properties().iterator(), "{", "}", ": ", max);
    }
    return fit(v.asText(), max);
  }

  /** The simple class name of a serialized object ({@code _class_name} or {@code _type}). */
  private static String typeName(JsonNode v) {
    String t = v.path("_class_name").asText(v.path("_type").asText(""));
    if (t.isEmpty()) {
      return null;
    }
    return t.substring(t.lastIndexOf('.') + 1);
  }

  private static Text string(String s, int max) {
    String head = s.length() > max ? s.substring(0, max) : s;
    String quoted = "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(head)) + "\"";
    if (head.length() == s.length() && quoted.length() <= max) {
      return new Text(quoted, true);
    }
    if (max < 3) {
      return new Text(MORE, false);
    }
    String body = quoted.substring(1, Math.min(quoted.length() - 1, max - 2));
    int backslash = body.lastIndexOf('\\');
    if (backslash >= 0 && backslash >= body.length() - 6) {
      body = body.substring(0, backslash); // do not cut an escape in half
    }
    if (!body.isEmpty() && Character.isHighSurrogate(body.charAt(body.length() - 1))) {
      body = body.substring(0, body.length() - 1);
    }
    return new Text("\"" + body + MORE + "\"", false);
  }

  private static Text elements(Iterator<JsonNode> it, int max) {
    StringBuilder sb = new StringBuilder("[");
    boolean first = true;
    while (it.hasNext()) {
      JsonNode el = it.next();
      boolean more = it.hasNext();
      if (!appendPart(sb, first, "", render(el, room(sb, first, more, 1, max)), more, max, 1)) {
        sb.append(']');
        return new Text(sb.toString(), false);
      }
      first = false;
    }
    return closed(sb, "]", max);
  }

  private static Text members(
      Iterator<Map.Entry<String, JsonNode>> it, String open, String close, String eq, int max) {
    StringBuilder sb = new StringBuilder(open);
    boolean first = true;
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      boolean more = it.hasNext();
      String key = e.getKey() + eq;
      int room = room(sb, first, more, close.length(), max) - key.length();
      Text value = room > 0 ? render(e.getValue(), room) : new Text(MORE, false);
      if (!appendPart(sb, first, key, value, more, max, close.length())) {
        sb.append(close);
        return new Text(sb.toString(), false);
      }
      first = false;
    }
    return closed(sb, close, max);
  }

  /** Characters left for the next part, keeping room for {@code ", …"} and the closing bracket. */
  private static int room(StringBuilder sb, boolean first, boolean more, int close, int max) {
    return max - sb.length() - (first ? 0 : 2) - (more ? 3 : 0) - close;
  }

  /**
   * Appends {@code key + value}; when it does not fit whole, appends it cut (if it is the first
   * part) or just {@code …}, and returns false: the container ends there.
   */
  private static boolean appendPart(
      StringBuilder sb, boolean first, String key, Text value, boolean more, int max, int close) {
    String sep = first ? "" : ", ";
    int need = sb.length() + sep.length() + key.length() + value.text().length() + close;
    if (value.complete() && need + (more ? 3 : 0) <= max) {
      sb.append(sep).append(key).append(value.text());
      return true;
    }
    if (first && need <= max && !MORE.equals(value.text())) {
      sb.append(key).append(value.text());
      if (more) {
        sb.append(", ").append(MORE);
      }
      return false;
    }
    sb.append(sep).append(MORE);
    return false;
  }

  private static Text closed(StringBuilder sb, String close, int max) {
    sb.append(close);
    return fit(sb.toString(), max);
  }

  private static Text fit(String s, int max) {
    return s.length() <= max ? new Text(s, true) : new Text(CallFormat.cut(s, max), false);
  }
}
