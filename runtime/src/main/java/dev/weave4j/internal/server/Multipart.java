package dev.weave4j.internal.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Internal, unstable. A {@code multipart/form-data} body (RFC 7578) split into its parts, as {@code
 * /files/create} receives it (the JDK and HttpCore have no server-side parser for it); public for
 * the test servers that check what the exporter sends.
 */
public final class Multipart {

  /** One part: its form field name, file name (or null) and content. */
  public record Part(String name, String filename, byte[] content) {
    /** The content as UTF-8 text. */
    public String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  private Multipart() {}

  /**
   * Parses {@code body}.
   *
   * @throws ApiError 422 when the content type has no boundary or the body is not multipart
   */
  public static List<Part> parse(String contentType, byte[] body) {
    String boundary = boundary(contentType);
    if (boundary == null) {
      throw ApiError.validation("missing", "file", "Field required (multipart/form-data expected)");
    }
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    List<Part> parts = new ArrayList<>();
    int at = indexOf(body, delimiter, 0);
    while (at >= 0) {
      int start = at + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break; // closing delimiter
      }
      start = skipLineEnd(body, start);
      int next = indexOf(body, delimiter, start);
      if (next < 0) {
        break;
      }
      int end = next;
      if (end >= 2 && body[end - 2] == '\r' && body[end - 1] == '\n') {
        end -= 2;
      } else if (end >= 1 && body[end - 1] == '\n') {
        end -= 1;
      }
      parts.add(part(Arrays.copyOfRange(body, start, Math.max(start, end))));
      at = next;
    }
    return parts;
  }

  private static Part part(byte[] raw) {
    int split = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    int skip = 4;
    if (split < 0) {
      split = indexOf(raw, "\n\n".getBytes(StandardCharsets.ISO_8859_1), 0);
      skip = 2;
    }
    if (split < 0) {
      return new Part(null, null, raw);
    }
    String headers = new String(raw, 0, split, StandardCharsets.UTF_8);
    String name = null;
    String filename = null;
    for (String line : headers.split("\r?\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
        name = param(line, "name");
        filename = param(line, "filename");
      }
    }
    return new Part(name, filename, Arrays.copyOfRange(raw, split + skip, raw.length));
  }

  private static String param(String header, String key) {
    for (String p : header.split(";")) {
      String t = p.trim();
      if (t.startsWith(key + "=")) {
        String v = t.substring(key.length() + 1);
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")
            ? v.substring(1, v.length() - 1)
            : v;
      }
    }
    return null;
  }

  private static String boundary(String contentType) {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      return null;
    }
    String b = param(contentType.substring(contentType.indexOf(';') + 1), "boundary");
    return b == null || b.isEmpty() ? null : b;
  }

  private static int skipLineEnd(byte[] b, int i) {
    if (i < b.length && b[i] == '\r') {
      i++;
    }
    if (i < b.length && b[i] == '\n') {
      i++;
    }
    return i;
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
