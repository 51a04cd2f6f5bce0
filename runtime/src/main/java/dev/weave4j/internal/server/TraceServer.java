package dev.weave4j.internal.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.query.CallsQueryRequest;
import dev.weave4j.internal.util.JsonMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Internal, unstable. A Weave-compatible trace server over the local store ({@code java -jar
 * weave-agent.jar serve}): the endpoints of weave-protocol.md §1 with the same JSON shapes, status
 * codes and error bodies, plus {@code /health}, {@code /server_info} and a small viewer page at
 * {@code /}. Projects are indexed on their first request and closed when idle ({@link
 * ProjectStores}); writes are appended to the store and indexed at once.
 */
public final class TraceServer implements AutoCloseable {

  private static final Logger LOG = Diagnostics.log(TraceServer.class);
  private static final ObjectMapper MAPPER = JsonMapper.forBoundedInput();
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Pattern V2 =
      Pattern.compile("/v2/([^/]+)/([^/]+)/(calls/complete|call/start|call/end)");

  /** A route: what it reads, whether it needs the API key, and what it does. */
  private record Route(RequestGuard.Body body, boolean needsKey, Handler handler) {}

  @FunctionalInterface
  private interface Handler {
    void handle(HttpExchange ex, byte[] body) throws IOException;
  }

  /** Thrown by a handler that must close the connection instead of answering. */
  private static final class Abort extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Abort(Throwable cause) {
      super(cause);
    }
  }

  private final ServeOptions options;
  private final ProjectStores stores;
  private final TraceApi api;
  private final UpsertBatchIngest ingest;
  private final RequestGuard guard;
  private final BodyReader bodies;
  private final Map<String, Route> gets;
  private final Map<String, Route> posts;
  private final AtomicInteger faultsLeft;
  private final String version;
  private final Supplier<ExecutorService> threads;
  private final ListenerWatchdog.Timings watchTimings;
  private final ViewerAssets assets = new ViewerAssets();
  private volatile ExecutorService executor;
  private volatile HttpServer server;
  private volatile int port;
  private volatile Thread dispatcher;
  private volatile ListenerWatchdog watchdog;
  private volatile Consumer<String> unrecoverable = m -> LOG.severe(m);

  TraceServer(ServeOptions options, String version) {
    this(options, version, HandlerThreads::create, ListenerWatchdog.Timings.DEFAULT);
  }

  /**
   * @param threads makes the executor that runs requests (again after a restart)
   * @param watchTimings how the {@link ListenerWatchdog} looks at the listener
   */
  TraceServer(
      ServeOptions options,
      String version,
      Supplier<ExecutorService> threads,
      ListenerWatchdog.Timings watchTimings) {
    this.options = options;
    this.version = version;
    this.threads = threads;
    this.watchTimings = watchTimings;
    this.stores = new ProjectStores(options.dir(), options.projectIdleMillis());
    this.api = new TraceApi(stores);
    ObjectsApi objects = new ObjectsApi(stores);
    TablesApi tables = new TablesApi(stores);
    this.ingest = new UpsertBatchIngest(stores);
    this.guard =
        new RequestGuard(options.apiKey(), options.loopbackHostsOnly(), options.allowedHosts());
    this.bodies = new BodyReader(options.maxBodyBytes(), options.readTimeoutMillis());
    this.faultsLeft = new AtomicInteger(options.faults().failFirst());
    Map<String, Route> g = new HashMap<>();
    g.put(
        "/health", get(false, (ex, b) -> sendJson(ex, 200, JSON.objectNode().put("status", "ok"))));
    g.put("/server_info", get(false, this::serverInfo));
    for (String path : assets.paths()) {
      g.put(path, get(true, (ex, b) -> viewer(ex, assets.get(path))));
    }
    g.put(ViewerAssets.PREFIX + "api/projects", get(true, this::projects));
    this.gets = Map.copyOf(g);
    Map<String, Function<JsonNode, JsonNode>> json =
        Map.ofEntries(
            Map.entry("/call/start", api::callStart),
            Map.entry("/call/end", api::callEnd),
            Map.entry("/call/read", api::callRead),
            Map.entry("/calls/query_stats", api::queryStats),
            Map.entry("/call/update", api::callUpdate),
            Map.entry("/calls/delete", api::callsDelete),
            Map.entry("/feedback/create", api::feedbackCreate),
            Map.entry("/feedback/query", api::feedbackQuery),
            Map.entry("/feedback/replace", api::feedbackReplace),
            Map.entry("/feedback/purge", api::feedbackPurge),
            Map.entry("/obj/create", api::objCreate),
            Map.entry("/obj/read", api::objRead),
            Map.entry("/objs/query", objects::objsQuery),
            Map.entry("/refs/read_batch", objects::refsReadBatch),
            Map.entry("/table/create", tables::tableCreate),
            Map.entry("/table/update", tables::tableUpdate),
            Map.entry("/table/query", tables::tableQuery),
            Map.entry("/table/query_stats", tables::tableQueryStats));
    Map<String, Route> p = new HashMap<>();
    json.forEach(
        (path, f) -> p.put(path, post((ex, b) -> sendJson(ex, 200, f.apply(parseJson(b))))));
    p.put("/call/upsert_batch", post(this::upsertBatch));
    p.put("/calls/stream_query", post(this::streamQuery));
    Route files =
        new Route(
            RequestGuard.Body.MULTIPART,
            true,
            (ex, b) -> {
              String type = ex.getRequestHeaders().getFirst("Content-Type");
              sendJson(ex, 200, api.filesCreate(Multipart.parse(type, b)));
            });
    p.put("/files/create", files);
    p.put("/file/create", files); // the TypeScript SDK's name for it
    Route content =
        post((ex, b) -> send(ex, 200, "application/octet-stream", api.filesContent(parseJson(b))));
    p.put("/files/content", content);
    p.put("/file/content", content);
    this.posts = Map.copyOf(p);
  }

  private static Route get(boolean needsKey, Handler h) {
    return new Route(RequestGuard.Body.NONE, needsKey, h);
  }

  private static Route post(Handler h) {
    return new Route(RequestGuard.Body.JSON, true, h);
  }

  /** The ids of the projects in the store folder (none is opened: each is on first request). */
  List<String> projectsOnDisk() {
    return stores.onDisk();
  }

  /** Number of calls in the projects indexed now. */
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
    executor = threads.get();
    stores.startEvicting();
    bind(options.port());
    long down = options.faults().downForMillis();
    if (down <= 0) {
      watch();
      return;
    }
    HttpServer first = server;
    server = null;
    first.stop(0);
    Thread t =
        new Thread(
            () -> {
              try {
                Thread.sleep(down);
                bind(port);
                watch();
                LOG.info("weave4j serve: up again after " + down + " ms down");
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "weave4j-serve-down");
    t.setDaemon(true);
    t.start();
  }

  /**
   * What to do when the listener stopped answering and cannot be restarted (a dead or hung JDK
   * dispatcher never lets its port go: the channel is closed only by that thread's next select):
   * {@code serve} prints the message and exits, rather than hold a port that never answers.
   */
  void whenUnrecoverable(Consumer<String> action) {
    this.unrecoverable = action;
  }

  private void watch() {
    watchdog =
        new ListenerWatchdog(
            watchTimings,
            () -> {
              HttpServer s = server;
              return s == null ? null : s.getAddress();
            },
            () -> dispatcher,
            this::restart);
  }

  /**
   * A new HTTP server on the same port, with new request threads; the old one is stopped in the
   * background (its stop waits for its dispatcher thread, which may hang).
   */
  synchronized void restart(String why) {
    HttpServer old = server;
    if (old == null) {
      return; // closed
    }
    LOG.warning("weave4j serve: " + why + "; restarting the listener on port " + port);
    server = null;
    dispatcher = null;
    ExecutorService oldThreads = executor;
    Thread stopper =
        new Thread(
            () -> {
              old.stop(0);
              oldThreads.shutdownNow();
            },
            "weave4j-serve-stop-old");
    stopper.setDaemon(true);
    stopper.start();
    executor = threads.get();
    RuntimeException failure = null;
    // The old server closes its port first thing in stop(); until then, binding fails.
    for (int attempt = 0; attempt < 100; attempt++) {
      try {
        bind(port);
        LOG.warning("weave4j serve: listening again on " + url());
        return;
      } catch (UncheckedIOException e) {
        failure = e;
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    unrecoverable.accept(
        "weave4j serve: "
            + why
            + " and it cannot be restarted: "
            + (failure == null ? "interrupted" : failure.getMessage())
            + "; exiting");
  }

  private void bind(int wantedPort) {
    // Without TCP_NODELAY, small answers wait for the client's delayed ACK (~40 ms each).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    // Idle keep-alive connections outlive the clients' own idle timeout (the JDK client's is
    // 30 s), so that a client never sends on a connection the server is closing at that moment.
    System.setProperty("sun.net.httpserver.idleInterval", "60");
    // Headers that do not arrive in time close the connection (the body: BodyReader).
    System.setProperty(
        "sun.net.httpserver.maxReqTime",
        String.valueOf(Math.max(1, options.readTimeoutMillis() / 1000)));
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(options.host(), wantedPort), 128);
      ExecutorService requests = executor;
      s.setExecutor(
          task -> {
            dispatcher = Thread.currentThread(); // the one thread that accepts and reads
            requests.execute(task);
          });
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

  private void handle(HttpExchange ex) throws IOException {
    boolean close = true;
    try {
      Route r = route(ex.getRequestMethod(), ex.getRequestURI().getPath());
      guard.check(ex, r.body(), r.needsKey());
      byte[] body = new byte[0];
      if (r.body() != RequestGuard.Body.NONE) {
        injectFault(ex);
        body = bodies.read(ex);
      }
      r.handler().handle(ex, body);
    } catch (ApiError e) {
      sendJson(ex, e.status(), e.body());
    } catch (BodyReader.TooSlow e) {
      LOG.log(Level.FINE, "weave4j serve: " + e.getMessage());
      return; // the connection is closed: nothing to answer
    } catch (Abort e) {
      // Closing the exchange would end a started stream as if complete: the JDK server closes
      // the connection instead, and the client sees a broken response, never a short 200.
      LOG.log(Level.WARNING, "weave4j serve: " + ex.getRequestURI().getPath() + " failed", e);
      close = false;
      throw e;
    } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
      LOG.log(Level.WARNING, "weave4j serve: " + ex.getRequestURI().getPath() + " failed", e);
      sendJson(ex, 500, JSON.objectNode().put("reason", "Internal server error"));
    } finally {
      stores.releaseLeases();
      if (close) {
        ex.close();
      }
    }
  }

  /** The route for a request, found before anything is read: 404 or 405 when there is none. */
  private Route route(String method, String path) {
    Route r =
        method.equals("GET") ? gets.get(path) : method.equals("POST") ? posts.get(path) : null;
    if (r != null) {
      return r;
    }
    Matcher v2 = V2.matcher(path);
    if (method.equals("POST") && v2.matches()) {
      String project = v2.group(1) + "/" + v2.group(2);
      String what = v2.group(3);
      return post(
          (ex, b) -> {
            JsonNode body = parseJson(b);
            JsonNode res =
                switch (what) {
                  case "calls/complete" -> api.callsComplete(project, body);
                  case "call/start" -> api.callStart(withProject(body, "start", project));
                  default -> api.callEnd(withoutStartedAt(withProject(body, "end", project)));
                };
            sendJson(ex, 200, res);
          });
    }
    boolean known = gets.containsKey(path) || posts.containsKey(path) || v2.matches();
    throw known ? ApiError.detail(405, "Method Not Allowed") : ApiError.detail(404, "Not Found");
  }

  private void serverInfo(HttpExchange ex, byte[] body) throws IOException {
    sendJson(
        ex,
        200,
        JSON.objectNode()
            .put("min_required_weave_python_version", "0.0.1")
            .put("trace_server_version", version)
            .put("weave4j_viewer", true)); // Call.uiUrl() links to the viewer page
  }

  /**
   * A viewer file: revalidated on each use ({@code no-cache} with its content's ETag, so a new
   * version of {@code serve} is never shown with stale scripts, and an unchanged file is a 304).
   */
  private static void viewer(HttpExchange ex, ViewerAssets.Asset asset) throws IOException {
    Headers h = ex.getResponseHeaders();
    h.set("Content-Security-Policy", ViewerAssets.CONTENT_SECURITY_POLICY);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Cache-Control", "no-cache");
    h.set("ETag", asset.etag());
    if (asset.etag().equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
      ex.sendResponseHeaders(304, -1);
      return;
    }
    send(ex, 200, asset.type(), asset.bytes());
  }

  /** The viewer's project list: {@code {"projects": ["entity/project", ...]}}, sorted. */
  private void projects(HttpExchange ex, byte[] body) throws IOException {
    ObjectNode out = JSON.objectNode();
    stores.list().forEach(out.putArray("projects")::add);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    sendJson(ex, 200, out);
  }

  private void upsertBatch(HttpExchange ex, byte[] raw) throws IOException {
    byte[] res = ingest.ingest(raw); // one pass; null for the tree path (and its exact errors)
    if (res != null) {
      send(ex, 200, "application/json", res);
    } else {
      sendJson(ex, 200, api.upsertBatch(parseJson(raw)));
    }
  }

  private void streamQuery(HttpExchange ex, byte[] raw) throws IOException {
    JsonNode body = parseJson(raw);
    CallsQueryRequest req = api.parseQuery(body);
    // Everything that can be refused is checked before the 200 goes out.
    TraceApi.Query query = api.prepareQuery(req, body.path("include_costs").asBoolean(false));
    streamJsonl(ex, query);
  }

  private static JsonNode withProject(JsonNode body, String key, String project) {
    if (body.path(key) instanceof ObjectNode o) {
      o.put("project_id", project);
    }
    return body;
  }

  private static JsonNode withoutStartedAt(JsonNode body) {
    if (body.path("end") instanceof ObjectNode o) {
      o.remove("started_at");
    }
    return body;
  }

  private void injectFault(HttpExchange ex) {
    FaultOptions f = options.faults();
    if (f.failFirst() > 0 && faultsLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
      if (f.retryAfterSeconds() >= 0) {
        ex.getResponseHeaders().set("Retry-After", String.valueOf(f.retryAfterSeconds()));
      }
      BodyReader.drain(ex);
      throw ApiError.reason(f.status(), "Injected fault (serve --fail-first)");
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

  private void streamJsonl(HttpExchange ex, TraceApi.Query query) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/jsonl");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = new BufferedOutputStream(ex.getResponseBody(), 64 * 1024);
    long breakAfter = options.faults().breakStreamAfter();
    long[] sent = {0};
    try {
      query.run(
          call -> {
            try {
              if (sent[0]++ == breakAfter) {
                out.flush(); // what was sent arrives, then the failure
                throw new IllegalStateException("Injected fault (serve --break-stream-after)");
              }
              out.write(TraceApi.jsonLine(call));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      LOG.log(Level.FINE, "weave4j serve: client went away during a stream", e);
      return;
    } catch (RuntimeException | OutOfMemoryError e) {
      throw new Abort(e); // not closed: no final chunk
    }
    out.close();
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
    ListenerWatchdog w = watchdog;
    if (w != null) {
      w.close();
    }
    HttpServer s;
    synchronized (this) {
      s = server;
      server = null;
    }
    if (s != null) {
      s.stop(0);
    }
    if (executor != null) {
      executor.shutdownNow();
    }
    bodies.close();
    stores.close();
  }
}
