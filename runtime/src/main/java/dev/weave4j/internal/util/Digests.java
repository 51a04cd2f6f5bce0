package dev.weave4j.internal.util;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * Internal, unstable. Weave's digests (weave-protocol.md §2.3): {@code bytes_digest} is base64url
 * of SHA-256 with {@code -}→{@code X}, {@code _}→{@code Y} and no padding; an object's digest is
 * that of Python's {@code json.dumps(val, sort_keys=True)} text, reproduced here.
 */
public final class Digests {

  private Digests() {}

  /** {@code bytes_digest}. */
  public static String bytes(byte[] content) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(content);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(sha)
          .replace('-', 'X')
          .replace('_', 'Y');
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** The digest of an object value: {@code str_digest(json.dumps(val, sort_keys=True))}. */
  public static String object(JsonNode val) {
    StringBuilder sb = new StringBuilder();
    pythonJson(val, sb);
    return bytes(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Python's {@code json.dumps(v, sort_keys=True)}: ", " and ": " separators, ASCII only. */
  static void pythonJson(JsonNode v, StringBuilder sb) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      sb.append("null");
    } else if (v.isObject()) {
      List<String> keys = new ArrayList<>();
      v.fieldNames().forEachRemaining(keys::add);
      Collections.sort(keys);
      sb.append('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        string(keys.get(i), sb);
        sb.append(": ");
        pythonJson(v.get(keys.get(i)), sb);
      }
      sb.append('}');
    } else if (v.isArray()) {
      sb.append('[');
      for (int i = 0; i < v.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        pythonJson(v.get(i), sb);
      }
      sb.append(']');
    } else if (v.isTextual()) {
      string(v.textValue(), sb);
    } else if (v.isBoolean()) {
      sb.append(v.booleanValue() ? "true" : "false");
    } else if (v.isIntegralNumber()) {
      sb.append(v.bigIntegerValue());
    } else if (v.isNumber()) {
      sb.append(pythonFloat(v.doubleValue()));
    } else {
      string(v.asText(), sb);
    }
  }

  private static String pythonFloat(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    String s = Double.toString(d);
    int e = s.indexOf('E');
    if (e < 0) {
      return s;
    }
    String mantissa = s.substring(0, e);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    int exp = Integer.parseInt(s.substring(e + 1));
    if (exp >= -4 && exp < 16) {
      return new java.math.BigDecimal(s).toPlainString();
    }
    return mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
  }

  private static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
