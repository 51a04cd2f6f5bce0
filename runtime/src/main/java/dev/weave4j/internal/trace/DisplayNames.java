package dev.weave4j.internal.trace;

import dev.weave4j.annotations.CallInfo;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Internal, unstable. Renders {@code callDisplayName} templates: {@code {inputs.<param>}}, {@code
 * {attributes.<key>}} and {@code {op}}.
 */
final class DisplayNames {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");

  private DisplayNames() {}

  /**
   * The template with its placeholders filled from {@code call}.
   *
   * @throws IllegalArgumentException naming a placeholder that has no value
   */
  static String render(String template, CallInfo call) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(valueOf(m.group(1).trim(), call)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String valueOf(String key, CallInfo call) {
    if (key.equals("op")) {
      return call.opName();
    }
    Map<String, Object> source;
    String name;
    if (key.startsWith("inputs.")) {
      source = call.inputs();
      name = key.substring("inputs.".length());
    } else if (key.startsWith("attributes.")) {
      source = call.attributes();
      name = key.substring("attributes.".length());
    } else {
      throw new IllegalArgumentException("unknown placeholder {" + key + "}");
    }
    if (!source.containsKey(name)) {
      throw new IllegalArgumentException("no value for placeholder {" + key + "}");
    }
    return String.valueOf(source.get(name));
  }
}
