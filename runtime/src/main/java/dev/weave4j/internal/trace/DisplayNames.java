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

  /**
   * When the inputs are named {@code arg0, arg1, ...}, says why: the class file has no parameter
   * names.
   */
  private static String withoutNamesHint(String key, Map<String, Object> inputs) {
    if (!key.startsWith("inputs.") || inputs.isEmpty()) {
      return "";
    }
    for (String k : inputs.keySet()) {
      if (!k.matches("arg\\d+")) {
        return "";
      }
    }
    return ": the inputs are named "
        + String.join(", ", inputs.keySet())
        + " because the class was compiled without parameter names; compile it with -parameters"
        + " or -g (Maven and Gradle do by default), or use {inputs.arg0}";
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
      throw new IllegalArgumentException(
          "no value for placeholder {" + key + "}" + withoutNamesHint(key, source));
    }
    return String.valueOf(source.get(name));
  }
}
