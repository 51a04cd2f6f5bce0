package dev.weave4j.internal.remote;

import dev.weave4j.internal.trace.OpCodes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Internal, unstable. The text published as an op's {@code obj.py}: its class and Java signature
 * and, when {@code Foo.java} is on the class path, the method's source (annotations included).
 */
final class OpCodeText {

  private OpCodeText() {}

  static String of(String opName) {
    OpCodes.OpCode code = OpCodes.get(opName);
    if (code == null) {
      return "// weave4j op " + opName + "\n// (created without a Java method: no source)\n";
    }
    StringBuilder text = new StringBuilder();
    text.append("// weave4j op ").append(opName).append('\n');
    text.append("// class ").append(code.className()).append('\n');
    String source = source(code);
    if (source != null) {
      text.append('\n').append(source).append('\n');
    } else {
      text.append("\n@WeaveOp\n").append(code.signature()).append(";\n");
    }
    return text.toString();
  }

  private static String source(OpCodes.OpCode code) {
    ClassLoader loader = code.loader().get();
    String outer = code.className();
    int nested = outer.indexOf('$');
    if (nested >= 0) {
      outer = outer.substring(0, nested);
    }
    String resource = outer.replace('.', '/') + ".java";
    try (InputStream in =
        loader != null
            ? loader.getResourceAsStream(resource)
            : ClassLoader.getSystemResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      return method(new String(in.readAllBytes(), StandardCharsets.UTF_8), code.methodName());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The declaration of {@code name} annotated {@code @WeaveOp} in {@code file} (else the first
   * declaration of that name), from its annotations to its closing brace; null if not found.
   */
  static String method(String file, String name) {
    Pattern decl =
        Pattern.compile("(?m)^[ \\t]*[^\\n;=(){}]*\\b" + Pattern.quote(name) + "\\s*\\([^;{]*\\{");
    Matcher m = decl.matcher(file);
    int best = -1;
    while (m.find()) {
      int start = annotationsStart(file, m.start());
      if (best < 0) {
        best = start;
      }
      if (file.substring(start, m.start()).contains("@WeaveOp") || m.group().contains("@WeaveOp")) {
        best = start;
        break;
      }
    }
    if (best < 0) {
      return null;
    }
    int open = file.indexOf('{', best);
    int end = matchingBrace(file, open);
    return end < 0 ? null : stripIndent(file.substring(best, end + 1));
  }

  /** Back over the annotation lines directly above a declaration. */
  private static int annotationsStart(String file, int declStart) {
    int start = declStart;
    while (start > 0) {
      int prevEnd = start - 1;
      int prevStart = file.lastIndexOf('\n', prevEnd - 1) + 1;
      String line = file.substring(prevStart, prevEnd).trim();
      if (line.startsWith("@")) {
        start = prevStart;
      } else {
        break;
      }
    }
    return start;
  }

  private static int matchingBrace(String s, int open) {
    int depth = 0;
    boolean inString = false;
    boolean inChar = false;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inString || inChar) {
        if (c == '\\') {
          i++;
        } else if ((inString && c == '"') || (inChar && c == '\'')) {
          inString = false;
          inChar = false;
        }
        continue;
      }
      if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
        i = s.indexOf('\n', i);
        if (i < 0) {
          return -1;
        }
      } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
        i = s.indexOf("*/", i + 2);
        if (i < 0) {
          return -1;
        }
        i++;
      } else if (c == '"') {
        inString = true;
      } else if (c == '\'') {
        inChar = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static String stripIndent(String s) {
    return s.stripIndent();
  }
}
