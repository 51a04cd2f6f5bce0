package dev.weave4j.testing.providers;

import java.util.List;
import java.util.Map;

/**
 * A request the {@link ProviderTestServer} received.
 *
 * @param method the HTTP method
 * @param uri the path and query
 * @param headers the headers, names in lower case
 * @param body the body as text
 */
public record RecordedRequest(
    String method, String uri, Map<String, List<String>> headers, String body) {

  /** The first value of header {@code name} (any case), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
