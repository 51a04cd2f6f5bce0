package dev.weave4j.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.internal.query.CallsQueryRequest;
import dev.weave4j.internal.util.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * Internal, unstable. The client API against a Weave trace server (weave-protocol.md §1): POSTs of
 * JSON to {@code /calls/stream_query} (a JSONL response), {@code /call/read}, {@code
 * /calls/query_stats}, {@code /calls/delete}, {@code /call/update}, {@code /feedback/create} and
 * {@code /feedback/query}, with the given {@code Authorization} header. A 4xx answer throws an
 * {@link IllegalArgumentException} with the server's message; other failures throw an {@link
 * UncheckedIOException}. Thread-safe.
 */
public final class HttpCallsBackend implements CallsBackend {

  private static final ObjectMapper MAPPER = JsonMapper.get();
  private static final Timeout TIMEOUT = Timeout.ofSeconds(30);

  private final String baseUrl;
  private final String authHeader;
  private final CloseableHttpClient http;

  /**
   * @param baseUrl the server, e.g. {@code https://trace.wandb.ai} or {@code http://127.0.0.1:6345}
   * @param authHeader the {@code Authorization} header value, or null to send none
   */
  public HttpCallsBackend(String baseUrl, String authHeader) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.authHeader = authHeader;
    this.http =
        HttpClients.custom()
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setConnectTimeout(TIMEOUT)
                    .setResponseTimeout(TIMEOUT)
                    .setConnectionRequestTimeout(TIMEOUT)
                    .build())
            .disableAutomaticRetries()
            .useSystemProperties()
            .build();
  }

  @Override
  public Optional<ObjectNode> readCall(String projectId, String callId) {
    ObjectNode req = MAPPER.createObjectNode();
    req.put("project_id", projectId);
    req.put("id", callId);
    JsonNode call = post("/call/read", req).path("call");
    return call instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
  }

  @Override
  public List<ObjectNode> queryCalls(CallsQueryRequest req) {
    return execute(
        "/calls/stream_query",
        req.toJson(),
        entity -> {
          List<ObjectNode> calls = new ArrayList<>();
          try (BufferedReader r =
              new BufferedReader(
                  new InputStreamReader(entity.getContent(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
              if (!line.isBlank()) {
                calls.add((ObjectNode) MAPPER.readTree(line));
              }
            }
          }
          return calls;
        });
  }

  @Override
  public long countCalls(CallsQueryRequest req) {
    return post("/calls/query_stats", req.toStatsJson()).path("count").asLong();
  }

  @Override
  public int deleteCalls(String projectId, List<String> callIds) {
    ObjectNode req = MAPPER.createObjectNode();
    req.put("project_id", projectId);
    callIds.forEach(req.putArray("call_ids")::add);
    return post("/calls/delete", req).path("num_deleted").asInt();
  }

  @Override
  public void updateDisplayName(String projectId, String callId, String displayName) {
    ObjectNode req = MAPPER.createObjectNode();
    req.put("project_id", projectId);
    req.put("call_id", callId);
    req.put("display_name", displayName);
    post("/call/update", req);
  }

  @Override
  public ObjectNode createFeedback(ObjectNode req) {
    return (ObjectNode) post("/feedback/create", req);
  }

  @Override
  public List<ObjectNode> queryFeedback(String projectId, String weaveRef) {
    ObjectNode req = MAPPER.createObjectNode();
    req.put("project_id", projectId);
    ObjectNode eq = req.putObject("query").putObject("$expr");
    eq.putArray("$eq")
        .add(MAPPER.createObjectNode().put("$getField", "weave_ref"))
        .add(MAPPER.createObjectNode().put("$literal", weaveRef));
    req.putArray("sort_by").add(MAPPER.createObjectNode().put("field", "created_at"));
    List<ObjectNode> out = new ArrayList<>();
    for (JsonNode f : post("/feedback/query", req).path("result")) {
      out.add((ObjectNode) f);
    }
    return out;
  }

  private JsonNode post(String path, JsonNode body) {
    return execute(path, body, entity -> MAPPER.readTree(EntityUtils.toByteArray(entity)));
  }

  private interface BodyReader<T> {
    T read(HttpEntity entity) throws IOException;
  }

  private <T> T execute(String path, JsonNode body, BodyReader<T> reader) {
    HttpPost post = new HttpPost(baseUrl + path);
    if (authHeader != null) {
      post.setHeader(HttpHeaders.AUTHORIZATION, authHeader);
    }
    try {
      post.setEntity(
          new ByteArrayEntity(MAPPER.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
      return http.execute(
          post,
          (ClassicHttpResponse res) -> {
            int status = res.getCode();
            if (status / 100 != 2) {
              String text =
                  res.getEntity() == null
                      ? ""
                      : EntityUtils.toString(res.getEntity(), StandardCharsets.UTF_8);
              String message = "POST " + path + " failed: HTTP " + status + ": " + message(text);
              if (status / 100 == 4 && status != 408 && status != 429) {
                throw new IllegalArgumentException(message);
              }
              throw new IOException(message);
            }
            return reader.read(res.getEntity());
          });
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot reach the Weave server at " + baseUrl + ": " + e.getMessage(), e);
    }
  }

  /** The error text of a body, as {@code handle_response_error} picks it (protocol §1.1). */
  static String message(String body) {
    try {
      JsonNode n = MAPPER.readTree(body);
      for (String key : List.of("message", "error", "detail", "reason")) {
        JsonNode v = n.get(key);
        if (v != null && !v.isNull()) {
          return v.isTextual() ? v.textValue() : v.toString();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not JSON: the text as is
    }
    return body.length() > 500 ? body.substring(0, 500) + "..." : body;
  }

  @Override
  public void close() {
    try {
      http.close();
    } catch (IOException e) {
      // nothing to do: connections are gone either way
    }
  }
}
