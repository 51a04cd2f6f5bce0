package dev.weave4j.internal.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Internal, unstable. The {@code Authorization} header for a W&amp;B API key (weave-protocol.md
 * §1.1): Basic {@code api:<key>}, or Bearer for {@code wb_at_} access tokens.
 */
public final class AuthHeaders {

  private AuthHeaders() {}

  /** The header value, or null for no key. */
  public static String forApiKey(String apiKey) {
    if (apiKey == null || apiKey.isEmpty()) {
      return null;
    }
    if (apiKey.startsWith("wb_at_")) {
      return "Bearer " + apiKey;
    }
    return "Basic "
        + Base64.getEncoder().encodeToString(("api:" + apiKey).getBytes(StandardCharsets.UTF_8));
  }
}
