package dev.weave4j.testing.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local server on 127.0.0.1 that speaks the LLM providers' HTTP APIs as their official Java SDKs
 * call them: OpenAI chat completions, Responses and embeddings ({@code /v1/...}), Anthropic
 * messages and beta messages ({@code /v1/messages}), Google GenAI {@code generateContent} and
 * {@code streamGenerateContent} ({@code /v1beta/models/...}). Answers are the {@link Canned}
 * values; the requested model chooses errors and cut streams ({@link Scenario}). Every request is
 * recorded.
 */
public final class ProviderTestServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

  private ProviderTestServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a server on a free port of the loopback interface. */
  public static ProviderTestServer start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "provider-test-server");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    ProviderTestServer s = new ProviderTestServer(server, executor);
    server.createContext("/", s::handle);
    server.start();
    return s;
  }

  /** {@code http://127.0.0.1:<port>}: the base URL of Anthropic and Google GenAI clients. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The base URL of OpenAI clients ({@link #baseUrl()} + {@code /v1}). */
  public String openAiBaseUrl() {
    return baseUrl() + "/v1";
  }

  /** The requests received so far, in order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** Forgets the recorded requests. */
  public void clearRequests() {
    requests.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    boolean dropped = false;
    try {
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Map<String, List<String>> headers = new LinkedHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
      String uri = exchange.getRequestURI().toString();
      requests.add(new RecordedRequest(exchange.getRequestMethod(), uri, headers, body));
      JsonNode request = body.isBlank() ? NullNode.getInstance() : Reply.JSON.readTree(body);
      route(exchange.getRequestURI().getPath(), uri, request).send(exchange);
    } catch (Reply.ConnectionDropped e) {
      dropped = true;
      throw e; // the server closes the connection without ending the response
    } catch (IOException | RuntimeException e) {
      exchange.sendResponseHeaders(500, -1);
    } finally {
      if (!dropped) {
        exchange.close();
      }
    }
  }

  private static Reply route(String path, String uri, JsonNode request) {
    if (path.equals("/v1/chat/completions")) {
      return OpenAiReplies.chat(request);
    }
    if (path.equals("/v1/responses")) {
      return OpenAiReplies.responses(request);
    }
    if (path.equals("/v1/embeddings")) {
      return OpenAiReplies.embeddings(request);
    }
    if (path.equals("/v1/messages")) {
      return AnthropicReplies.messages(request);
    }
    if (path.startsWith("/v1beta/models/") || path.startsWith("/v1/models/")) {
      String action = path.substring(path.lastIndexOf('/') + 1);
      int colon = action.indexOf(':');
      if (colon > 0) {
        String model = action.substring(0, colon);
        String method = action.substring(colon + 1);
        if (method.equals("generateContent")) {
          return GenAiReplies.generate(model, request, false);
        }
        if (method.equals("streamGenerateContent")) {
          return GenAiReplies.generate(model, request, true);
        }
      }
    }
    return Reply.json(404, Reply.JSON.createObjectNode().put("error", "no route for " + uri));
  }
}
