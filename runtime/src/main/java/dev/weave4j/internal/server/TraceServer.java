package dev.weave4j.internal.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.query.CallsQueryRequest;
import dev.weave4j.internal.util.JsonMapper;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Internal, unstable. A Weave-compatible trace server over the local store ({@code java -jar
 * weave-agent.jar serve}): the endpoints of weave-protocol.md §1 with the same JSON shapes, status
 * codes and error bodies, plus {@code /health}, {@code /server_info} and a small viewer page at
 * {@code /}. Existing projects are indexed at start-up; writes are appended to the store and
 * indexed at once.
 */
public final class TraceServer implements AutoCloseable {

  private static final Logger LOG = Diagnostics.log(TraceServer.class);
  private static final ObjectMapper MAPPER = JsonMapper.get();
  private static final Pattern V2 =
      Pattern.compile("/v2/([^/]+)/([^/]+)/(calls/complete|call/start|call/end)");

  private final ServeOptions options;
  private final ProjectStores stores;
  private final TraceApi api;
  private final UpsertBatchIngest ingest;
  private final Map<String, Function<JsonNode, JsonNode>> endpoints;
  private final AtomicInteger faultsLeft;
  private final String expectedBasic;
  private final String version;
  private ExecutorService executor;
  private volatile HttpServer server;
  private volatile int port;

  TraceServer(ServeOptions options, String version) {
    this.options = options;
    this.version = version;
    this.stores = new ProjectStores(options.dir());
    this.api = new TraceApi(stores);
    this.ingest = new UpsertBatchIngest(stores);
    this.faultsLeft = new AtomicInteger(options.faults().failFirst());
    this.expectedBasic =
        options.apiKey() == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(("api:" + options.apiKey()).getBytes(StandardCharsets.UTF_8));
    this.endpoints =
        Map.ofEntries(
            Map.entry("/call/start", api::callStart),
            Map.entry("/call/end", api::callEnd),
            Map.entry("/call/upsert_batch", api::upsertBatch),
            Map.entry("/call/read", api::callRead),
            Map.entry("/calls/query_stats", api::queryStats),
            Map.entry("/call/update", api::callUpdate),
            Map.entry("/calls/delete", api::callsDelete),
            Map.entry("/feedback/create", api::feedbackCreate),
            Map.entry("/feedback/query", api::feedbackQuery),
            Map.entry("/obj/create", api::objCreate),
            Map.entry("/obj/read", api::objRead));
  }

  /** Indexes the existing projects; returns their ids. */
  List<String> index() {
    return stores.openExisting();
  }

  /** Number of calls in the indexed projects. */
  long calls() {
    return stores.totalCalls();
  }

  /**
   * Binds and starts serving. With {@code --down-for-ms}, the port is closed again right away and
   * opened once that time has passed (in the background).
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  void start() {
    executor = Executors.newFixedThreadPool(8, daemonThreads());
    bind(options.port());
    long down = options.faults().downForMillis();
    if (down > 0) {
      HttpServer first = server;
      first.stop(0);
      Thread t =
          new Thread(
              () -> {
                try {
                  Thread.sleep(down);
                  bind(port);
                  LOG.info("weave4j serve: up again after " + down + " ms down");
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "weave4j-serve-down");
      t.setDaemon(true);
      t.start();
    }
  }

  private void bind(int wantedPort) {
    // Without TCP_NODELAY, small answers wait for the client's delayed ACK (~40 ms each).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(options.host(), wantedPort), 128);
      s.setExecutor(executor);
      s.createContext("/", this::handle);
      s.start();
      this.port = s.getAddress().getPort();
      this.server = s;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + options.host() + ":" + wantedPort + ": " + e.getMessage(), e);
    }
  }

  /** The base URL, e.g. {@code http://127.0.0.1:6345}. */
  String url() {
    String host = options.host();
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]"; // an IPv6 literal given without its brackets
    }
    return "http://" + host + ":" + port;
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "weave4j-serve-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      try {
        route(ex);
      } catch (ApiError e) {
        sendJson(ex, e.status(), e.body());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "weave4j serve: " + ex.getRequestURI().getPath() + " failed", e);
        sendJson(ex, 500, MAPPER.createObjectNode().put("reason", "Internal server error"));
      }
    }
  }

  private void route(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    if (method.equals("GET")) {
      switch (path) {
        case "/health" -> sendJson(ex, 200, MAPPER.createObjectNode().put("status", "ok"));
        case "/server_info" ->
            sendJson(
                ex,
                200,
                MAPPER
                    .createObjectNode()
                    .put("min_required_weave_python_version", "0.0.1")
                    .put("trace_server_version", version)
                    .put("weave4j_viewer", true)); // Call.uiUrl() links to the viewer page
        case "/", "/index.html" -> {
          checkAuth(ex);
          send(ex, 200, "text/html; charset=utf-8", ViewerPage.html());
        }
        default ->
            throw known(path)
                ? ApiError.detail(405, "Method Not Allowed")
                : ApiError.detail(404, "Not Found");
      }
      return;
    }
    if (!method.equals("POST")) {
      throw known(path) ? ApiError.detail(405, "Method Not Allowed") : notFound();
    }
    checkAuth(ex);
    injectFault(ex);
    byte[] raw = readBody(ex);
    if (path.equals("/files/create")) {
      String type = ex.getRequestHeaders().getFirst("Content-Type");
      sendJson(ex, 200, api.filesCreate(Multipart.parse(type, raw)));
      return;
    }
    if (path.equals("/call/upsert_batch")) {
      byte[] res = ingest.ingest(raw); // one pass; null for the tree path (and its exact errors)
      if (res != null) {
        send(ex, 200, "application/json", res);
        return;
      }
    }
    JsonNode body = parseJson(raw);
    if (path.equals("/files/content") || path.equals("/file/content")) {
      send(ex, 200, "application/octet-stream", api.filesContent(body));
      return;
    }
    if (path.equals("/calls/stream_query")) {
      CallsQueryRequest req = api.parseQuery(body);
      streamJsonl(ex, req);
      return;
    }
    Function<JsonNode, JsonNode> endpoint = endpoints.get(path);
    if (endpoint != null) {
      sendJson(ex, 200, endpoint.apply(body));
      return;
    }
    Matcher v2 = V2.matcher(path);
    if (v2.matches()) {
      String project = v2.group(1) + "/" + v2.group(2);
      JsonNode res =
          switch (v2.group(3)) {
            case "calls/complete" -> api.callsComplete(project, body);
            case "call/start" -> api.callStart(withProject(body, "start", project));
            default -> api.callEnd(withoutStartedAt(withProject(body, "end", project)));
          };
      sendJson(ex, 200, res);
      return;
    }
    throw notFound();
  }

  private static JsonNode withProject(JsonNode body, String key, String project) {
    if (body.path(key) instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
      o.put("project_id", project);
    }
    return body;
  }

  private static JsonNode withoutStartedAt(JsonNode body) {
    if (body.path("end") instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
      o.remove("started_at");
    }
    return body;
  }

  private boolean known(String path) {
    return endpoints.containsKey(path)
        || path.equals("/calls/stream_query")
        || path.equals("/files/create")
        || path.equals("/files/content")
        || path.equals("/health")
        || path.equals("/server_info");
  }

  private static ApiError notFound() {
    return ApiError.detail(404, "Not Found");
  }

  private void checkAuth(HttpExchange ex) {
    if (expectedBasic == null) {
      return;
    }
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null) {
      ex.getResponseHeaders().set("WWW-Authenticate", "Basic");
      throw ApiError.detail(401, "Not authenticated");
    }
    if (!auth.equals(expectedBasic) && !auth.equals("Bearer " + options.apiKey())) {
      ex.getResponseHeaders().set("WWW-Authenticate", "Basic");
      throw ApiError.detail(401, "Invalid credentials");
    }
  }

  private void injectFault(HttpExchange ex) {
    FaultOptions f = options.faults();
    if (f.failFirst() > 0 && faultsLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
      if (f.retryAfterSeconds() >= 0) {
        ex.getResponseHeaders().set("Retry-After", String.valueOf(f.retryAfterSeconds()));
      }
      drain(ex);
      throw ApiError.reason(f.status(), "Injected fault (serve --fail-first)");
    }
  }

  private static final int PREALLOCATED_BODY_MAX = 64 << 20;

  private byte[] readBody(HttpExchange ex) throws IOException {
    long max = options.faults().maxBodyBytes();
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (max >= 0 && length != null && Long.parseLong(length.trim()) > max) {
      drain(ex);
      throw ApiError.reason(413, "Request body larger than " + max + " bytes");
    }
    long declared = max < 0 ? contentLength(length) : -1;
    if (declared >= 0) {
      try (InputStream in = ex.getRequestBody()) {
        // Straight into an array of the declared size (readNBytes(int) gathers chunks and copies
        // them once more), unless the size is too large to trust before the bytes come.
        if (declared <= PREALLOCATED_BODY_MAX) {
          byte[] body = new byte[(int) declared];
          if (in.readNBytes(body, 0, body.length) == declared) {
            return body;
          }
        } else {
          byte[] body = in.readNBytes((int) declared);
          if (body.length == declared) {
            return body;
          }
        }
        throw new IOException("request body shorter than its Content-Length");
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = ex.getRequestBody()) {
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        if (max >= 0 && out.size() > max) {
          drain(ex);
          throw ApiError.reason(413, "Request body larger than " + max + " bytes");
        }
      }
    }
    return out.toByteArray();
  }

  /** The Content-Length when usable for one read into an array, else -1. */
  private static long contentLength(String header) {
    try {
      long n = header == null ? -1 : Long.parseLong(header.trim());
      return n <= Integer.MAX_VALUE - 16 ? n : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void drain(HttpExchange ex) {
    try (InputStream in = ex.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the client went away: nothing to answer
    }
  }

  private static JsonNode parseJson(byte[] raw) {
    try {
      JsonNode n = MAPPER.readTree(raw);
      if (n == null) {
        throw ApiError.validation("missing", "", "Field required");
      }
      return n;
    } catch (JsonProcessingException e) {
      long at = e.getLocation() == null ? 0 : e.getLocation().getCharOffset();
      throw ApiError.validation("json_invalid", String.valueOf(at), "JSON decode error");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void streamJsonl(HttpExchange ex, CallsQueryRequest req) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/jsonl");
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = new BufferedOutputStream(ex.getResponseBody(), 64 * 1024)) {
      api.streamQuery(
          req,
          call -> {
            try {
              out.write(TraceApi.jsonLine(call));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      LOG.log(Level.FINE, "weave4j serve: client went away during a stream", e);
    }
  }

  private static void sendJson(HttpExchange ex, int status, JsonNode body) throws IOException {
    send(ex, status, "application/json", MAPPER.writeValueAsBytes(body));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    HttpServer s = server;
    if (s != null) {
      s.stop(0);
    }
    if (executor != null) {
      executor.shutdownNow();
    }
    stores.close();
  }
}
