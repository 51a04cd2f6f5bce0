package dev.weave4j.internal.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The checks every request passes before its route runs, in one place so that a new route gets them
 * too: the {@code Host} header (DNS rebinding), the {@code Origin} header (other websites), the API
 * key, and the content type the route reads. What the body may weigh is {@link BodyReader}'s.
 */
final class RequestGuard {

  /** What a route reads from the request body. */
  enum Body {
    /** Nothing (GET). */
    NONE,
    /** {@code application/json}, or no content type (the Python SDK); anything else is 415. */
    JSON,
    /** {@code multipart/form-data}; anything else is 415. */
    MULTIPART,
    /** Any content type (the route checks it itself, e.g. protobuf or JSON). */
    ANY
  }

  private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

  private final String apiKey;
  private final String expectedBasic;
  private final boolean anyHost;
  private final List<String> allowedHosts;

  /**
   * @param apiKey the key requests must carry, or null for none
   * @param loopbackOnly whether only loopback host names (and {@code allowedHosts}) are accepted;
   *     false when bound to another address without {@code --allowed-hosts}
   * @param allowedHosts further host names to accept ({@code *} for any), lower case, without port
   */
  RequestGuard(String apiKey, boolean loopbackOnly, List<String> allowedHosts) {
    this.apiKey = apiKey;
    this.expectedBasic =
        apiKey == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(("api:" + apiKey).getBytes(StandardCharsets.UTF_8));
    this.anyHost = !loopbackOnly || allowedHosts.contains("*");
    this.allowedHosts = List.copyOf(allowedHosts);
  }

  /**
   * Checks the headers of a request for a route that reads {@code body}.
   *
   * @param needsKey whether the API key is required (everything but {@code /health} and {@code
   *     /server_info})
   * @throws ApiError 400 for a host name not served (DNS rebinding), 403 for a request from another
   *     website, 401 without the API key, 415 for a content type the route does not read
   */
  void check(HttpExchange ex, Body body, boolean needsKey) {
    Headers h = ex.getRequestHeaders();
    String host = h.getFirst("Host");
    if (!hostAllowed(host)) {
      // As Django and Vite answer a DNS-rebinding Host: no data, a reason naming the flag.
      throw ApiError.invalid("Invalid Host header '" + host + "' (serve --allowed-hosts)");
    }
    String origin = h.getFirst("Origin");
    if (origin != null && !origin.equalsIgnoreCase("http://" + host)) {
      throw ApiError.detail(403, "Cross-origin request refused (Origin " + origin + ")");
    }
    if (needsKey) {
      checkKey(ex);
    }
    String type = h.getFirst("Content-Type");
    // No Content-Type passes as JSON: Weave's Python SDK posts its JSON with requests' data=bytes,
    // which sends none. Browsers are kept out by the Origin check; a form or text/plain is 415.
    if (body == Body.JSON && type != null && !isType(type, "application/json")) {
      throw ApiError.detail(415, "Unsupported Media Type: expected application/json");
    }
    if (body == Body.MULTIPART && !isType(type, "multipart/form-data")) {
      throw ApiError.detail(415, "Unsupported Media Type: expected multipart/form-data");
    }
  }

  private boolean hostAllowed(String host) {
    if (host == null) {
      return false;
    }
    if (anyHost) {
      return true;
    }
    String name = host.toLowerCase(Locale.ROOT);
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf(']')) {
      name = name.substring(0, colon); // the port
    }
    return LOOPBACK_NAMES.contains(name)
        || name.endsWith(".localhost") // RFC 6761: always loopback
        || allowedHosts.contains(name);
  }

  private void checkKey(HttpExchange ex) {
    if (expectedBasic == null) {
      return;
    }
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null) {
      ex.getResponseHeaders().set("WWW-Authenticate", "Basic");
      throw ApiError.detail(401, "Not authenticated");
    }
    if (!auth.equals(expectedBasic) && !auth.equals("Bearer " + apiKey)) {
      ex.getResponseHeaders().set("WWW-Authenticate", "Basic");
      throw ApiError.detail(401, "Invalid credentials");
    }
  }

  private static boolean isType(String header, String expected) {
    if (header == null) {
      return false;
    }
    int semi = header.indexOf(';');
    String type = (semi < 0 ? header : header.substring(0, semi)).trim();
    return type.equalsIgnoreCase(expected);
  }
}
