package dev.weave4j.it.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * A Weave trace server stand-in in the test JVM that reads OTLP/HTTP trace requests at {@code
 * /agents/otel/v1/traces} with the official {@code opentelemetry-proto} classes, and answers the
 * calls API endpoints the agent also uses ({@code /call/upsert_batch}, {@code /obj/create}, …) with
 * a plain success, keeping their bodies. {@link #fault} answers chosen OTLP requests with an error
 * instead, and {@link #down()} / {@link #up()} stop and restart listening on the same port.
 */
public final class OtlpReceiver implements AutoCloseable {

  public static final String PATH = "/agents/otel/v1/traces";

  /** Where an OpenTelemetry SDK's OTLP/HTTP exporter sends traces under its endpoint. */
  public static final String COLLECTOR_PATH = "/v1/traces";

  /** A forced reply: status and headers. */
  public record Reply(int status, Map<String, String> headers) {}

  /** A span as received at {@code path}, with its request's resource. */
  public record Received(String path, Span span, Resource resource, String scope) {
    public String spanId() {
      return hex(span.getSpanId().toByteArray());
    }

    public String traceId() {
      return hex(span.getTraceId().toByteArray());
    }

    public String parentSpanId() {
      return hex(span.getParentSpanId().toByteArray());
    }

    public Map<String, AnyValue> attributes() {
      return OtlpReceiver.attributes(span.getAttributesList());
    }

    public String attr(String key) {
      AnyValue v = attributes().get(key);
      return v == null ? null : v.getStringValue();
    }
  }

  /** Answers the n-th OTLP request (from 1) with a forced reply, or null to take it. */
  public volatile IntFunction<Reply> fault = n -> null;

  public final List<Received> spans = new CopyOnWriteArrayList<>();
  public final List<String> otlpHeaders = new CopyOnWriteArrayList<>();
  public final List<String> authorizations = new CopyOnWriteArrayList<>();
  public final List<String> upsertBodies = new CopyOnWriteArrayList<>();
  public final AtomicInteger otlpRequests = new AtomicInteger();
  public final AtomicInteger acceptedRequests = new AtomicInteger();

  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private volatile HttpServer http;
  private int port;

  private OtlpReceiver() {}

  /** Listens on a free loopback port. */
  public static OtlpReceiver start() {
    OtlpReceiver r = new OtlpReceiver();
    r.listen(0);
    return r;
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
  public synchronized void up() {
    if (http == null) {
      listen(port);
    }
  }

  private synchronized void listen(int p) {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", p), 64);
      s.createContext("/", this::handle);
      s.setExecutor(executor);
      s.start();
      http = s;
      port = s.getAddress().getPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The spans that arrived at {@code path}. */
  public List<Received> at(String path) {
    return spans.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** How many times each span id arrived. */
  public Map<String, Integer> arrivals() {
    return counts.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
  }

  /** The spans named {@code name}. */
  public List<Received> named(String name) {
    List<Received> out = new ArrayList<>();
    for (Received r : spans) {
      if (r.span().getName().equals(name)) {
        out.add(r);
      }
    }
    return out;
  }

  /** The span of id {@code spanId}. */
  public Received byId(String spanId) {
    return spans.stream().filter(r -> r.spanId().equals(spanId)).findFirst().orElseThrow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      String path = ex.getRequestURI().getPath();
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      authorizations.add(path + " " + (auth == null ? "" : auth));
      switch (path) {
        case PATH, COLLECTOR_PATH -> otlp(ex, path, body);
        case "/call/upsert_batch" -> {
          upsertBodies.add(new String(body, StandardCharsets.UTF_8));
          reply(ex, 200, "{\"res\":[]}");
        }
        case "/obj/create", "/files/create" -> reply(ex, 200, "{\"digest\":\"d1\"}");
        case "/server_info" -> reply(ex, 200, "{\"min_required_weave_python_version\":\"0.0.1\"}");
        default -> reply(ex, 200, "{}");
      }
    }
  }

  private void otlp(HttpExchange ex, String path, byte[] body) throws IOException {
    int n = otlpRequests.incrementAndGet();
    Reply forced = fault.apply(n);
    if (forced != null) {
      forced.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      reply(ex, forced.status(), "{\"detail\":\"busy\"}");
      return;
    }
    String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
    otlpHeaders.add(ex.getRequestHeaders().getFirst("Content-Type") + " " + encoding);
    if ("gzip".equals(encoding)) {
      body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
    }
    ExportTraceServiceRequest req = ExportTraceServiceRequest.parseFrom(body);
    req.getResourceSpansList()
        .forEach(
            rs ->
                rs.getScopeSpansList()
                    .forEach(
                        ss ->
                            ss.getSpansList()
                                .forEach(
                                    s -> {
                                      Received r =
                                          new Received(
                                              path, s, rs.getResource(), ss.getScope().getName());
                                      spans.add(r);
                                      counts
                                          .computeIfAbsent(r.spanId(), k -> new AtomicInteger())
                                          .incrementAndGet();
                                    })));
    acceptedRequests.incrementAndGet();
    ex.getResponseHeaders().set("Content-Type", "application/x-protobuf");
    ex.sendResponseHeaders(200, -1);
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  public static Map<String, AnyValue> attributes(List<KeyValue> kvs) {
    return kvs.stream().collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Override
  public void close() {
    down();
    executor.shutdownNow();
  }
}
