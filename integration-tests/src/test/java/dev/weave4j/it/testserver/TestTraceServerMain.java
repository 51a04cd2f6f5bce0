package dev.weave4j.it.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TEST trace server, not weave4j's {@code serve}: a separate JVM answering the Weave write
 * endpoints the agent uses ({@code /server_info}, {@code /call/upsert_batch}, {@code
 * /call/update}), logging every received item as one JSON line, and misbehaving on purpose.
 *
 * <p>Arguments: {@code --port-file F} (written once listening), {@code --log F} (received items),
 * {@code --port P} (default: any), {@code --api-key K} (required Basic/Bearer credentials), {@code
 * --fail-first N} (the first N upserts answer 503), {@code --retry-after-first S} (the first upsert
 * answers 429 with {@code Retry-After: S}), {@code --max-body B} (bodies above B bytes answer 413).
 */
public final class TestTraceServerMain {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TestTraceServerMain() {}

  public static void main(String[] args) throws IOException {
    System.setProperty("sun.net.httpserver.nodelay", "true"); // no Nagle delay per response
    Path portFile = null;
    Path log = null;
    int port = 0;
    String apiKey = null;
    int failFirst = 0;
    int retryAfterFirst = -1;
    long maxBody = Long.MAX_VALUE;
    for (int i = 0; i < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--port-file" -> portFile = Path.of(v);
        case "--log" -> log = Path.of(v);
        case "--port" -> port = Integer.parseInt(v);
        case "--api-key" -> apiKey = v;
        case "--fail-first" -> failFirst = Integer.parseInt(v);
        case "--retry-after-first" -> retryAfterFirst = Integer.parseInt(v);
        case "--max-body" -> maxBody = Long.parseLong(v);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Writer out =
        Files.newBufferedWriter(
            log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    String expectedAuth =
        apiKey == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(("api:" + apiKey).getBytes(StandardCharsets.UTF_8));
    AtomicInteger upserts = new AtomicInteger();
    int fail = failFirst;
    int retryAfter = retryAfterFirst;
    long limit = maxBody;
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    http.setExecutor(Executors.newFixedThreadPool(4));
    http.createContext(
        "/",
        ex -> {
          try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getPath();
            if (expectedAuth != null
                && !expectedAuth.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
              reply(ex, 401, "{\"detail\":\"Unauthorized\"}");
              return;
            }
            if (path.equals("/server_info")) {
              reply(ex, 200, "{\"min_required_weave_python_version\":\"0.0.1\"}");
              return;
            }
            if (body.length > limit) {
              reply(ex, 413, "{\"detail\":\"Request Entity Too Large\"}");
              return;
            }
            if (path.equals("/call/upsert_batch")) {
              int n = upserts.incrementAndGet();
              if (n == 1 && retryAfter >= 0) {
                ex.getResponseHeaders().set("Retry-After", Integer.toString(retryAfter));
                reply(ex, 429, "{\"detail\":\"Too Many Requests\"}");
                return;
              }
              if (n <= fail + (retryAfter >= 0 ? 1 : 0)) {
                reply(ex, 503, "{\"detail\":\"Service Unavailable\"}");
                return;
              }
              JsonNode req = JSON.readTree(body);
              StringBuilder lines = new StringBuilder();
              for (JsonNode item : req.path("batch")) {
                String mode = item.path("mode").asText();
                JsonNode call = item.path("req").path(mode);
                lines
                    .append("{\"mode\":\"")
                    .append(mode)
                    .append("\",\"id\":")
                    .append(JSON.writeValueAsString(call.path("id").asText()))
                    .append(",\"project_id\":")
                    .append(JSON.writeValueAsString(call.path("project_id").asText()))
                    .append(",\"op_name\":")
                    .append(JSON.writeValueAsString(call.path("op_name").asText("")))
                    .append("}\n");
              }
              synchronized (out) {
                out.write(lines.toString());
                out.flush();
              }
              reply(ex, 200, "{\"res\":[]}");
              return;
            }
            if (path.equals("/files/create") || path.equals("/obj/create")) {
              String digest = digest(body);
              if (path.equals("/obj/create")) {
                synchronized (out) {
                  out.write(
                      "{\"mode\":\"obj_create\",\"digest\":\""
                          + digest
                          + "\",\"req\":"
                          + new String(body, StandardCharsets.UTF_8)
                          + "}\n");
                  out.flush();
                }
              } else {
                synchronized (out) {
                  out.write(
                      "{\"mode\":\"file_create\",\"digest\":\""
                          + digest
                          + "\",\"content\":"
                          + JSON.writeValueAsString(new String(body, StandardCharsets.UTF_8))
                          + "}\n");
                  out.flush();
                }
              }
              reply(ex, 200, "{\"digest\":\"" + digest + "\"}");
              return;
            }
            if (path.equals("/call/update")) {
              synchronized (out) {
                out.write(
                    "{\"mode\":\"call_update\",\"req\":"
                        + new String(body, StandardCharsets.UTF_8)
                        + "}\n");
                out.flush();
              }
              reply(ex, 200, "{}");
              return;
            }
            reply(ex, 404, "{\"detail\":\"Not Found\"}");
          }
        });
    http.start();
    Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
    Files.writeString(tmp, Integer.toString(http.getAddress().getPort()));
    Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Weave's bytes digest: base64url(sha256) with - → X, _ → Y, no padding. */
  private static String digest(byte[] bytes) {
    try {
      byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(sha)
          .replace('-', 'X')
          .replace('_', 'Y');
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(bytes);
    }
  }
}
