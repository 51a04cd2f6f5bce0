package dev.weave4j.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.weave4j.internal.server.Multipart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A transparent HTTP proxy in the test JVM in front of a real {@code serve}: every request body is
 * validated against the JSON Schemas of the Weave request models ({@code weave-schemas/}, shared
 * with the runtime's unit tests) and forwarded unchanged; the server's status, {@code Retry-After}
 * and body come back unchanged, so serve's own faults reach the client as they are. Schema
 * violations are collected for {@link #schemaErrors()}.
 */
public final class ValidatingProxy implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

  /** The schema of each write endpoint the agent and {@code sync} use. */
  private static final Map<String, String> SCHEMA_OF =
      Map.of(
          "/call/upsert_batch", "call_upsert_batch",
          "/call/update", "call_update",
          "/calls/delete", "calls_delete",
          "/feedback/create", "feedback_create",
          "/calls/complete", "calls_complete",
          "/obj/create", "obj_create",
          "/files/create", "files_create");

  private final String upstream;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> validated = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
  private final java.util.Queue<String> faults = new java.util.concurrent.ConcurrentLinkedQueue<>();

  private ValidatingProxy(String upstream) throws IOException {
    this.upstream = upstream;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A proxy on a free port forwarding to {@code upstream} (e.g. a serve URL). */
  public static ValidatingProxy inFrontOf(String upstream) {
    try {
      return new ValidatingProxy(upstream);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Answers the next POST requests with these faults, in order, instead of forwarding them: {@code
   * "503"}, or {@code "429:1"} for a status with {@code Retry-After} seconds. Then forwards again.
   */
  public ValidatingProxy failingFirst(String... answers) {
    faults.addAll(List.of(answers));
    return this;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every schema violation seen, as {@code <path>: <message>}. */
  public List<String> schemaErrors() {
    return List.copyOf(errors);
  }

  /** How many bodies were validated, per path. */
  public Map<String, Integer> validated() {
    return Map.copyOf(validated);
  }

  /** How many responses of each status the server gave through this proxy. */
  public Map<Integer, Integer> statuses() {
    return Map.copyOf(statuses);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      String path = ex.getRequestURI().getPath();
      String contentType = ex.getRequestHeaders().getFirst("Content-Type");
      validate(path, contentType, body);
      String fault = ex.getRequestMethod().equals("POST") ? faults.poll() : null;
      if (fault != null) {
        String[] parts = fault.split(":");
        if (parts.length > 1) {
          ex.getResponseHeaders().set("Retry-After", parts[1]);
        }
        int status = Integer.parseInt(parts[0]);
        statuses.merge(status, 1, Integer::sum);
        reply(
            ex,
            status,
            "{\"detail\":\"injected by the test proxy\"}".getBytes(StandardCharsets.UTF_8));
        return;
      }
      HttpRequest.Builder req =
          HttpRequest.newBuilder(URI.create(upstream + ex.getRequestURI()))
              .timeout(Duration.ofSeconds(60))
              .method(
                  ex.getRequestMethod(),
                  body.length == 0 && ex.getRequestMethod().equals("GET")
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      for (String h : List.of("Authorization", "Content-Type", "Accept")) {
        String v = ex.getRequestHeaders().getFirst(h);
        if (v != null) {
          req.header(h, v);
        }
      }
      HttpResponse<byte[]> res;
      try {
        res = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        // serve is not there: answer as a gateway would
        reply(ex, 502, "{\"detail\":\"upstream unreachable\"}".getBytes(StandardCharsets.UTF_8));
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      for (String h : List.of("Content-Type", "Retry-After")) {
        res.headers().firstValue(h).ifPresent(v -> ex.getResponseHeaders().set(h, v));
      }
      statuses.merge(res.statusCode(), 1, Integer::sum);
      reply(ex, res.statusCode(), res.body());
    }
  }

  private void validate(String path, String contentType, byte[] body) {
    String schema = SCHEMA_OF.get(path);
    if (schema == null) {
      return;
    }
    JsonNode node;
    try {
      node =
          path.equals("/files/create") ? multipartAsObject(contentType, body) : JSON.readTree(body);
    } catch (IOException | RuntimeException e) {
      errors.add(path + ": not JSON: " + e.getMessage());
      return;
    }
    validated.merge(path, 1, Integer::sum);
    for (ValidationMessage m :
        SCHEMAS.computeIfAbsent(schema, ValidatingProxy::load).validate(node)) {
      errors.add(path + ": " + m.getMessage());
    }
  }

  /** A multipart form as {@code {name: text}} or, for a file part, {@code {filename, content}}. */
  private static JsonNode multipartAsObject(String contentType, byte[] body) {
    ObjectNode out = JSON.createObjectNode();
    for (Multipart.Part part : Multipart.parse(contentType, body)) {
      if (part.filename() == null) {
        out.put(part.name(), part.text());
      } else {
        out.putObject(part.name()).put("filename", part.filename()).put("content", part.text());
      }
    }
    return out;
  }

  private static JsonSchema load(String name) {
    try (InputStream in =
        ValidatingProxy.class.getResourceAsStream("/weave-schemas/" + name + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no schema " + name);
      }
      return FACTORY.getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
