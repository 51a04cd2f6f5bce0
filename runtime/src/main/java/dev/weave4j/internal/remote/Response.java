package dev.weave4j.internal.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weave4j.internal.util.JsonMapper;
import java.nio.charset.StandardCharsets;

/**
 * Internal, unstable. A trace server's answer: status, body and the {@code Retry-After} delay (or
 * -1 when absent).
 */
record Response(int status, byte[] body, long retryAfterMillis) {

  static final String CALLS_COMPLETE_MODE_REQUIRED = "CALLS_COMPLETE_MODE_REQUIRED";
  private static final ObjectMapper JSON = JsonMapper.get();
  private static final int MAX_MESSAGE = 500;

  boolean ok() {
    return status >= 200 && status < 300;
  }

  /** 408, 429 and 5xx: worth trying again later. */
  boolean retryable() {
    return status == 408 || status == 429 || status >= 500;
  }

  boolean tooLarge() {
    return status == 413;
  }

  /** The server's {@code error_code}, or null. */
  String errorCode() {
    JsonNode n = json();
    JsonNode code = n == null ? null : n.get("error_code");
    if (code == null && n != null && n.path("detail").isObject()) {
      code = n.path("detail").get("error_code");
    }
    return code == null || !code.isTextual() ? null : code.asText();
  }

  boolean callsCompleteRequired() {
    return CALLS_COMPLETE_MODE_REQUIRED.equals(errorCode());
  }

  /**
   * The server's message, read as the Python SDK does ({@code message | error | detail | reason}),
   * else the body's text, capped.
   */
  String message() {
    JsonNode n = json();
    if (n != null && n.isObject()) {
      for (String key : new String[] {"message", "error", "detail", "reason"}) {
        JsonNode v = n.get(key);
        if (v != null && !v.isNull()) {
          return cap(v.isTextual() ? v.asText() : v.toString());
        }
      }
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? "(no message)" : cap(text);
  }

  private JsonNode json() {
    try {
      return body.length == 0 ? null : JSON.readTree(body);
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  private static String cap(String s) {
    return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "…";
  }
}
