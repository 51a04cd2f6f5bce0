package dev.weave4j.internal.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.weave4j.internal.server.Multipart;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP trace server for tests (JDK {@code com.sun.net.httpserver}): stores what it is sent
 * as the Weave server would (starts and ends upserted by id), validates every body against the
 * Weave request schemas, and misbehaves on purpose through {@link #fault}.
 */
public final class TestTraceServer implements AutoCloseable {

  /** A reply forced by a fault. */
  public record Reply(int status, String body, Map<String, String> headers) {
    public static Reply of(int status, String body) {
      return new Reply(status, body, Map.of());
    }
  }

  /** Decides a fault for a request, or null to answer normally. */
  public interface Fault {
    Reply apply(String path, int requestNumber, byte[] body);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  public final Map<String, AtomicInteger> starts = new ConcurrentHashMap<>();
  public final Map<String, AtomicInteger> ends = new ConcurrentHashMap<>();
  public final Map<String, AtomicInteger> completes = new ConcurrentHashMap<>();
  public final List<JsonNode> updates = new CopyOnWriteArrayList<>();
  public final List<JsonNode> objects = new CopyOnWriteArrayList<>();
  public final Map<String, String> files = new ConcurrentHashMap<>();
  public final Map<String, String> opNames = new ConcurrentHashMap<>();
  public final List<String> schemaErrors = new CopyOnWriteArrayList<>();
  public final List<String> authorizations = new CopyOnWriteArrayList<>();
  public final List<String> paths = new CopyOnWriteArrayList<>();
  public final AtomicInteger requests = new AtomicInteger();

  /** OTLP spans received, by span id (hex). */
  public final Map<String, AtomicInteger> spanCounts = new ConcurrentHashMap<>();

  /** Every OTLP request as the official protobuf classes read it. */
  public final List<io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest>
      otlpRequests = new CopyOnWriteArrayList<>();

  /** Content-Type and Content-Encoding of each OTLP request. */
  public final List<String> otlpHeaders = new CopyOnWriteArrayList<>();

  public volatile Fault fault;
  public volatile int maxBodyBytes = Integer.MAX_VALUE;
  public volatile long delayMillis;

  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private volatile HttpServer http;
  private int port;

  public TestTraceServer() throws IOException {
    // As real servers do: no Nagle delay on small responses (else ~40 ms per request).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    start(0);
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Stops listening: connections are refused until {@link #up()}. */
  public synchronized void down() {
    if (http != null) {
      http.stop(0);
      http = null;
    }
  }

  /** Listens again on the same port. */
  public synchronized void up() throws IOException {
    if (http == null) {
      start(port);
    }
  }

  private synchronized void start(int p) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", p), 64);
    s.createContext("/", this::handle);
    s.setExecutor(executor);
    s.start();
    http = s;
    port = s.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      String path = ex.getRequestURI().getPath();
      int n = requests.incrementAndGet();
      paths.add(path);
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      authorizations.add(auth == null ? "" : auth);
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      Fault f = fault;
      Reply forced = f == null ? null : f.apply(path, n, body);
      if (forced != null) {
        forced.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        reply(ex, forced.status(), forced.body());
        return;
      }
      if (body.length > maxBodyBytes) {
        reply(ex, 413, "{\"detail\":\"Request too large\"}");
        return;
      }
      switch (path) {
        case "/server_info" -> reply(ex, 200, "{\"min_required_weave_python_version\":\"0.0.1\"}");
        case "/call/upsert_batch" -> upsert(ex, body);
        case "/agents/otel/v1/traces" -> otlp(ex, body);
        case "/files/create" -> {
          com.fasterxml.jackson.databind.node.ObjectNode form = JSON.createObjectNode();
          String content = "";
          for (Multipart.Part part :
              Multipart.parse(ex.getRequestHeaders().getFirst("Content-Type"), body)) {
            if (part.filename() == null) {
              form.put(part.name(), part.text());
            } else {
              form.putObject(part.name())
                  .put("filename", part.filename())
                  .put("content", part.text());
            }
            if ("file".equals(part.name())) {
              content = part.text();
            }
          }
          check("files_create", form);
          String digest = digest(content.getBytes(StandardCharsets.UTF_8));
          files.put(digest, content);
          reply(ex, 200, "{\"digest\":\"" + digest + "\"}");
        }
        case "/obj/create" -> {
          JsonNode req = json(body);
          check("obj_create", req);
          objects.add(req);
          String digest = digest(JSON.writeValueAsBytes(req.path("obj").path("val")));
          reply(
              ex,
              200,
              "{\"digest\":\""
                  + digest
                  + "\",\"object_id\":"
                  + JSON.writeValueAsString(req.path("obj").path("object_id").asText())
                  + "}");
        }
        case "/call/update" -> {
          JsonNode req = json(body);
          check("call_update", req);
          updates.add(req);
          reply(ex, 200, "{}");
        }
        default -> {
          if (path.startsWith("/v2/") && path.endsWith("/calls/complete")) {
            JsonNode req = json(body);
            check("calls_complete", req);
            req.path("batch").forEach(c -> count(completes, c.path("id").asText()));
            reply(ex, 200, "{}");
          } else {
            reply(ex, 404, "{\"detail\":\"Not Found\"}");
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void upsert(HttpExchange ex, byte[] body) throws IOException {
    JsonNode req = json(body);
    List<String> errors = check("call_upsert_batch", req);
    if (!errors.isEmpty()) {
      reply(ex, 422, "{\"detail\":" + JSON.writeValueAsString(errors.toString()) + "}");
      return;
    }
    StringBuilder res = new StringBuilder("{\"res\":[");
    for (JsonNode item : req.path("batch")) {
      String mode = item.path("mode").asText();
      JsonNode call = item.path("req").path(mode);
      count(mode.equals("start") ? starts : ends, call.path("id").asText());
      if (mode.equals("start")) {
        opNames.put(call.path("id").asText(), call.path("op_name").asText());
      }
      res.append(res.length() > 8 ? "," : "").append("{}");
    }
    reply(ex, 200, res.append("]}").toString());
  }

  private void otlp(HttpExchange ex, byte[] body) throws IOException {
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
    otlpHeaders.add(type + " " + encoding);
    if ("gzip".equals(encoding)) {
      body =
          new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
    }
    var req = io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.parseFrom(body);
    otlpRequests.add(req);
    req.getResourceSpansList()
        .forEach(
            rs ->
                rs.getScopeSpansList()
                    .forEach(
                        ss ->
                            ss.getSpansList()
                                .forEach(
                                    s ->
                                        count(
                                            spanCounts,
                                            java.util.HexFormat.of()
                                                .formatHex(s.getSpanId().toByteArray())))));
    ex.getResponseHeaders().set("Content-Type", "application/x-protobuf");
    ex.sendResponseHeaders(200, -1);
  }

  /** Weave's bytes digest: base64url(sha256) with - → X, _ → Y, no padding. */
  static String digest(byte[] bytes) {
    try {
      byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
      return java.util.Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(sha)
          .replace('-', 'X')
          .replace('_', 'Y');
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> check(String schema, JsonNode body) {
    List<String> errors = WeaveSchemas.validate(schema, body);
    errors.forEach(e -> schemaErrors.add(schema + ": " + e));
    return errors;
  }

  private static void count(Map<String, AtomicInteger> m, String id) {
    m.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
  }

  private static JsonNode json(byte[] body) throws IOException {
    return JSON.readTree(body);
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    down();
    executor.shutdownNow();
  }
}
