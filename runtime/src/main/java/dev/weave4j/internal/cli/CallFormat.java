package dev.weave4j.internal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.internal.store.OpRefs;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/** Short human forms of the parts of a CallSchema: name, status, latency, tokens, time. */
final class CallFormat {

  private static final DateTimeFormatter STARTED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private CallFormat() {}

  /**
   * {@code success}, {@code error}, {@code running}, {@code unfinished} (its process ended without
   * ending it) or {@code descendant_error}.
   */
  static String status(JsonNode call) {
    return call.path("summary").path("weave").path("status").asText("success");
  }

  /**
   * One symbol per status: ✓ success, ✗ error, … running, ⊘ unfinished, ✓ (with a note) descendant
   * error.
   */
  static String statusMark(JsonNode call) {
    return switch (status(call)) {
      case "error" -> "✗";
      case "running" -> "…";
      case "unfinished" -> "⊘";
      default -> "✓";
    };
  }

  /** The status as a mark and a word, for tables: {@code ✓ success}. */
  static String statusLabel(JsonNode call) {
    String status = status(call);
    return statusMark(call) + " " + ("descendant_error".equals(status) ? "child error" : status);
  }

  /** The op name, or {@code display name (op name)}. */
  static String name(JsonNode call) {
    String op = opName(call.path("op_name").asText(""));
    JsonNode display = call.get("display_name");
    if (display != null && display.isTextual() && !display.asText().isEmpty()) {
      return display.asText().equals(op) ? op : display.asText() + " (" + op + ")";
    }
    return op;
  }

  /**
   * {@code s} safe to print on a terminal: control characters (escape sequences can clear the
   * screen or retitle the window) and bidirectional overrides (they reorder what is shown) become
   * {@code \\uXXXX}.
   */
  static String printable(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean unsafe =
          Character.getType(c) == Character.CONTROL
              || (c >= '\u202a' && c <= '\u202e')
              || (c >= '\u2066' && c <= '\u2069');
      if (unsafe && sb == null) {
        sb = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (sb != null) {
        if (unsafe) {
          sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? s : sb.toString();
  }

  /** The name in an op ref URI ({@code weave:///e/p/op/name:digest}), else the name as is. */
  static String opName(String opName) {
    return OpRefs.name(opName);
  }

  /** {@code 850 ms}, {@code 1.2 s}, {@code 2 min 05 s}; empty while running. */
  static String latency(JsonNode call) {
    JsonNode ms = call.path("summary").path("weave").get("latency_ms");
    if (ms == null || !ms.isNumber()) {
      return "";
    }
    return duration(ms.asLong());
  }

  static String duration(long ms) {
    if (ms < 1000) {
      return Math.max(ms, 0) + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    long s = ms / 1000;
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }

  /**
   * Tokens over every model in {@code summary.usage}: {@code total_tokens}, else prompt +
   * completion, else input + output; empty when there is no usage.
   */
  static OptionalLong tokens(JsonNode call) {
    JsonNode usage = call.path("summary").path("usage");
    if (!usage.isObject() || usage.isEmpty()) {
      return OptionalLong.empty();
    }
    long total = 0;
    boolean any = false;
    for (Map.Entry<String, JsonNode> model : usage.properties()) {
      JsonNode u = model.getValue();
      if (u.path("total_tokens").isNumber()) {
        total += u.get("total_tokens").asLong();
        any = true;
      } else if (u.path("prompt_tokens").isNumber() || u.path("completion_tokens").isNumber()) {
        total += u.path("prompt_tokens").asLong(0) + u.path("completion_tokens").asLong(0);
        any = true;
      } else if (u.path("input_tokens").isNumber() || u.path("output_tokens").isNumber()) {
        total += u.path("input_tokens").asLong(0) + u.path("output_tokens").asLong(0);
        any = true;
      }
    }
    return any ? OptionalLong.of(total) : OptionalLong.empty();
  }

  /** {@code 1,234 tokens}, or empty. */
  static String tokensLabel(JsonNode call) {
    OptionalLong t = tokens(call);
    return t.isPresent() ? String.format(Locale.ROOT, "%,d tokens", t.getAsLong()) : "";
  }

  /** {@code 2026-11-23 10:00:00} (UTC), or the raw text when it is not a timestamp. */
  static String started(JsonNode call) {
    return time(call.path("started_at").asText(""));
  }

  /** An ISO-8601 time as {@code 2026-11-23 10:00:00} (UTC), or the raw text. */
  static String time(String iso) {
    try {
      return STARTED.format(OffsetDateTime.parse(iso).withOffsetSameInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  /**
   * {@code IllegalStateException: message} from Weave's exception JSON, or the first line of an
   * exception in plain text; empty when none.
   */
  static String exception(JsonNode call) {
    JsonNode ex = call.get("exception");
    if (ex == null || ex.isNull()) {
      return "";
    }
    String text = ex.asText();
    JsonNode parsed = text.startsWith("{") ? Json.parseOrNull(text) : null;
    if (parsed != null && parsed.isObject() && parsed.has("type")) {
      String type = parsed.path("type").asText();
      String simple = type.substring(type.lastIndexOf('.') + 1);
      String message = parsed.path("message").asText("");
      return message.isEmpty() ? simple : simple + ": " + oneLine(message);
    }
    return oneLine(text);
  }

  static String oneLine(String s) {
    String line = s.strip();
    int nl = line.indexOf('\n');
    return nl < 0 ? line : line.substring(0, nl).strip() + " …";
  }

  /** Cuts {@code s} to at most {@code max} characters, ending with {@code …} when cut. */
  static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = max - 1;
    if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, Math.max(end, 0)) + "…";
  }
}
