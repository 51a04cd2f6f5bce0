package dev.weave4j.internal.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trace viewer's files (HTML, CSS, JavaScript modules) from the class path folder {@code
 * viewer/} beside this class, served by {@code serve} itself: no CDN, no fonts, no build step.
 * Everything from the store is put into pages as text ({@code textContent}, never markup), and the
 * Content-Security-Policy allows scripts and styles of this origin only (no inline script), so a
 * value that looks like HTML stays text.
 */
final class ViewerAssets {

  /** Scripts and styles of this server only, no inline script, no other connections, no framing. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'"
          + " data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  /** The URL prefix of the files; {@code /} and {@code /index.html} are {@code index.html}. */
  static final String PREFIX = "/viewer/";

  private static final List<String> FILES =
      List.of(
          "index.html",
          "viewer.css",
          "app.js",
          "route.js",
          "api.js",
          "dom.js",
          "format.js",
          "values.js",
          "calls.js",
          "call.js",
          "threads.js",
          "agents.js");

  /** A file's bytes, type and strong ETag (its content's hash). */
  record Asset(byte[] bytes, String type, String etag) {}

  private final Map<String, Asset> byPath;

  ViewerAssets() {
    Map<String, Asset> m = new LinkedHashMap<>();
    for (String name : FILES) {
      byte[] bytes = read(name);
      m.put(PREFIX + name, new Asset(bytes, type(name), "\"" + sha256(bytes) + "\""));
    }
    m.put("/", m.get(PREFIX + "index.html"));
    m.put("/index.html", m.get(PREFIX + "index.html"));
    this.byPath = Map.copyOf(m);
  }

  /** Every path served, for the router. */
  Iterable<String> paths() {
    return byPath.keySet();
  }

  /** The file at {@code path}, or null. */
  Asset get(String path) {
    return byPath.get(path);
  }

  private static byte[] read(String name) {
    try (InputStream in = ViewerAssets.class.getResourceAsStream("viewer/" + name)) {
      if (in == null) {
        throw new IllegalStateException("viewer file missing from the jar: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String type(String name) {
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "text/javascript; charset=utf-8";
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
