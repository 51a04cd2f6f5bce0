package dev.weave4j.internal.remote;

import dev.weave4j.internal.Diagnostics;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/** Internal, unstable. {@link TraceServer} over Apache HttpClient 5 (classic, pooled). */
final class HttpTraceServer implements TraceServer {

  static final long CONNECT_TIMEOUT_MILLIS = 10_000;
  static final long RESPONSE_TIMEOUT_MILLIS = 30_000;

  private final ServerConfig config;
  private final CloseableHttpClient http;
  private final String userAgent;
  private final java.util.Set<HttpUriRequestBase> inFlight =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  HttpTraceServer(ServerConfig config) {
    this(config, CONNECT_TIMEOUT_MILLIS, RESPONSE_TIMEOUT_MILLIS);
  }

  HttpTraceServer(ServerConfig config, long connectMillis, long responseMillis) {
    this.config = config;
    this.userAgent = "weave4j/" + dev.weave4j.internal.trace.ClientInfo.version();
    this.http =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(4)
                    .setMaxConnPerRoute(4)
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.ofMilliseconds(connectMillis))
                            .setSocketTimeout(Timeout.ofMilliseconds(responseMillis))
                            .build())
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(Timeout.ofMilliseconds(responseMillis))
                    .setConnectionRequestTimeout(Timeout.ofMilliseconds(connectMillis))
                    .build())
            .disableAutomaticRetries()
            .disableCookieManagement()
            .useSystemProperties()
            .build();
  }

  @Override
  public Response postJson(String path, byte[] json, String retryId) throws IOException {
    HttpPost post = new HttpPost(config.baseUrl() + path);
    post.setEntity(new ByteArrayEntity(json, ContentType.APPLICATION_JSON));
    if (retryId != null) {
      post.setHeader("X-Weave-Retry-Id", retryId);
    }
    return execute(post);
  }

  @Override
  public Response postFile(String path, Map<String, String> fields, String fileName, byte[] file)
      throws IOException {
    MultipartEntityBuilder form = MultipartEntityBuilder.create();
    fields.forEach((k, v) -> form.addTextBody(k, v, ContentType.TEXT_PLAIN));
    form.addBinaryBody("file", file, ContentType.APPLICATION_OCTET_STREAM, fileName);
    HttpPost post = new HttpPost(config.baseUrl() + path);
    post.setEntity(form.build());
    return execute(post);
  }

  @Override
  public Response postOtlp(String path, byte[] gzippedProtobuf) throws IOException {
    HttpPost post = new HttpPost(config.baseUrl() + path);
    post.setEntity(
        new ByteArrayEntity(gzippedProtobuf, ContentType.create("application/x-protobuf"), "gzip"));
    return execute(post);
  }

  @Override
  public Response get(String path) throws IOException {
    return execute(new HttpGet(config.baseUrl() + path));
  }

  private Response execute(HttpUriRequestBase request) throws IOException {
    if (config.authorization() != null) {
      request.setHeader("Authorization", config.authorization());
    }
    request.setHeader("User-Agent", userAgent);
    request.setHeader("Accept", "application/json");
    inFlight.add(request);
    try {
      return http.execute(request, HttpTraceServer::toResponse);
    } finally {
      inFlight.remove(request);
    }
  }

  @Override
  public void abortRequests() {
    for (HttpUriRequestBase r : inFlight) {
      r.cancel();
    }
  }

  private static Response toResponse(ClassicHttpResponse r) throws IOException {
    byte[] body = r.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(r.getEntity());
    return new Response(r.getCode(), body, retryAfterMillis(r.getFirstHeader("Retry-After")));
  }

  /** {@code Retry-After} as seconds or an HTTP date, in milliseconds from now; -1 when absent. */
  static long retryAfterMillis(Header h) {
    if (h == null || h.getValue() == null) {
      return -1;
    }
    String v = h.getValue().trim();
    try {
      return TimeUnit.SECONDS.toMillis(Math.max(0, Long.parseLong(v)));
    } catch (NumberFormatException e) {
      try {
        long at =
            java.time.ZonedDateTime.parse(v, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant()
                .toEpochMilli();
        return Math.max(0, at - System.currentTimeMillis());
      } catch (RuntimeException bad) {
        return -1;
      }
    }
  }

  @Override
  public void close() {
    try {
      http.close(CloseMode.GRACEFUL);
    } catch (RuntimeException e) {
      Diagnostics.log().fine("weave4j: closing the HTTP client: " + e);
    }
  }
}
