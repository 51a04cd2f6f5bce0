package dev.weave4j.it.viewer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.it.harness.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** What a test reads back from {@code serve} over HTTP, as Weave's clients do. */
final class ServeApi {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String url;
  private final String project;

  ServeApi(String url, String project) {
    this.url = url;
    this.project = project;
  }

  String post(String path, String body) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url + path))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new AssertionError(path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** {@code /calls/stream_query} with {@code filter} (a JSON object), oldest first. */
  List<JsonNode> calls(String filter) {
    String body =
        "{\"project_id\":\""
            + project
            + "\",\"filter\":"
            + filter
            + ",\"sort_by\":[{\"field\":\"started_at\",\"direction\":\"asc\"}]}";
    List<JsonNode> out = new ArrayList<>();
    for (String line : post("/calls/stream_query", body).split("\n")) {
      if (!line.isBlank()) {
        out.add(Json.parse(line));
      }
    }
    return out;
  }

  /** The roots of {@code op}, oldest first. */
  List<JsonNode> roots(String op) {
    return calls("{\"op_names\":[\"" + op + "\"],\"trace_roots_only\":true}");
  }

  JsonNode call(String id) {
    List<JsonNode> c = calls("{\"call_ids\":[\"" + id + "\"]}");
    return c.isEmpty() ? null : c.get(0);
  }

  /** The feedback rows on call {@code id}. */
  JsonNode feedback(String id) {
    String ref = "weave:///" + project + "/call/" + id;
    return Json.parse(
            post(
                "/feedback/query",
                "{\"project_id\":\""
                    + project
                    + "\",\"query\":{\"$expr\":{\"$eq\":[{\"$getField\":\"weave_ref\"},"
                    + "{\"$literal\":\""
                    + ref
                    + "\"}]}}}"))
        .path("result");
  }
}
