package dev.weave4j.it.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weave4j.it.harness.ServeProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Endpoints the official SDKs call besides the calls API, against {@code serve} as a real process:
 * {@code /objs/query} (by id, kind and latest version), {@code /refs/read_batch} (values behind
 * refs, down their path), {@code /feedback/replace} and {@code /feedback/purge}.
 */
class ServeSdkEndpointsIT {

  private static final ObjectMapper M = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  private JsonNode post(ServeProcess s, String path, String body) throws Exception {
    HttpResponse<String> res =
        http.send(
            HttpRequest.newBuilder(URI.create(s.url() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(path + " " + res.body()).isEqualTo(200);
    return M.readTree(res.body());
  }

  private String create(ServeProcess s, String objectId, String val) throws Exception {
    return post(
            s,
            "/obj/create",
            "{\"obj\":{\"project_id\":\"e/p\",\"object_id\":\""
                + objectId
                + "\",\"val\":"
                + val
                + "}}")
        .path("digest")
        .asText();
  }

  private static List<String> ids(JsonNode res) {
    List<String> out = new ArrayList<>();
    res.path("objs")
        .forEach(
            o -> out.add(o.path("object_id").asText() + "#" + o.path("version_index").asInt()));
    return out;
  }

  @Test
  void objectVersionsAreQueriedAndRefsReadDownTheirPath() throws Exception {
    try (ServeProcess s = ServeProcess.start()) {
      String v0 = create(s, "cfg", "{\"rows\":[{\"q\":\"a\"},{\"q\":\"b\"}],\"n\":1}");
      String v1 = create(s, "cfg", "{\"rows\":[],\"n\":2}");
      create(
          s,
          "greet",
          "{\"_type\":\"CustomWeaveType\",\"weave_type\":{\"type\":\"Op\"},\"files\":{}}");

      assertThat(ids(post(s, "/objs/query", "{\"project_id\":\"e/p\"}")))
          .containsExactlyInAnyOrder("cfg#0", "cfg#1", "greet#0");
      assertThat(
              ids(
                  post(
                      s,
                      "/objs/query",
                      "{\"project_id\":\"e/p\",\"filter\":{\"latest_only\":true,\"is_op\":false}}")))
          .containsExactly("cfg#1");
      JsonNode ops = post(s, "/objs/query", "{\"project_id\":\"e/p\",\"filter\":{\"is_op\":true}}");
      assertThat(ids(ops)).containsExactly("greet#0");
      assertThat(ops.path("objs").get(0).path("kind").asText()).isEqualTo("op");
      assertThat(
              ids(
                  post(
                      s,
                      "/objs/query",
                      "{\"project_id\":\"e/p\",\"filter\":{\"object_ids\":[\"cfg\"]},"
                          + "\"sort_by\":[{\"field\":\"created_at\",\"direction\":\"desc\"}],"
                          + "\"limit\":1}")))
          .hasSize(1);
      assertThat(ids(post(s, "/objs/query", "{\"project_id\":\"nobody/p\",\"filter\":{}}")))
          .isEmpty();

      JsonNode vals =
          post(
                  s,
                  "/refs/read_batch",
                  "{\"refs\":[\"weave:///e/p/object/cfg:"
                      + v0
                      + "\",\"weave:///e/p/object/cfg:"
                      + v0
                      + "/key/rows/index/1/key/q\",\"weave:///e/p/object/cfg:"
                      + v1
                      + "/key/n\",\"weave:///e/p/object/nope:"
                      + v1
                      + "\"]}")
              .path("vals");
      assertThat(vals).hasSize(4);
      assertThat(vals.get(0).path("n").asInt()).isEqualTo(1);
      assertThat(vals.get(1).asText()).isEqualTo("b");
      assertThat(vals.get(2).asInt()).isEqualTo(2);
      assertThat(vals.get(3).isNull()).isTrue();
    }
  }

  private List<String> feedback(ServeProcess s) throws Exception {
    List<String> out = new ArrayList<>();
    post(s, "/feedback/query", "{\"project_id\":\"e/p\"}")
        .path("result")
        .forEach(f -> out.add(f.path("feedback_type").asText() + "=" + f.path("payload")));
    return out;
  }

  @Test
  void feedbackIsReplacedAndPurgedAndStaysSoAfterARestart() throws Exception {
    String ref = "weave:///e/p/call/00000000-0000-7000-8000-000000000001";
    String store;
    try (ServeProcess s = ServeProcess.start()) {
      store = s.storeDir().toString();
      String reaction =
          post(
                  s,
                  "/feedback/create",
                  "{\"project_id\":\"e/p\",\"weave_ref\":\""
                      + ref
                      + "\",\"feedback_type\":\"wandb.reaction.1\",\"payload\":{\"emoji\":\"x\"}}")
              .path("id")
              .asText();
      String note =
          post(
                  s,
                  "/feedback/create",
                  "{\"project_id\":\"e/p\",\"weave_ref\":\""
                      + ref
                      + "\",\"feedback_type\":\"wandb.note.1\",\"payload\":{\"note\":\"old\"}}")
              .path("id")
              .asText();
      JsonNode replaced =
          post(
              s,
              "/feedback/replace",
              "{\"project_id\":\"e/p\",\"feedback_id\":\""
                  + note
                  + "\",\"weave_ref\":\""
                  + ref
                  + "\",\"feedback_type\":\"wandb.note.1\",\"payload\":{\"note\":\"new\"}}");
      assertThat(replaced.path("id").asText()).isNotEqualTo(note);
      assertThat(replaced.path("wb_user_id").asText()).isEqualTo("weave4j-serve");
      assertThat(feedback(s))
          .containsExactly("wandb.reaction.1={\"emoji\":\"x\"}", "wandb.note.1={\"note\":\"new\"}");
      assertThat(
              post(
                      s,
                      "/feedback/purge",
                      "{\"project_id\":\"e/p\",\"query\":{\"$expr\":{\"$eq\":[{\"$getField\":"
                          + "\"id\"},{\"$literal\":\""
                          + reaction
                          + "\"}]}}}")
                  .toString())
          .isEqualTo("{}");
      assertThat(feedback(s)).containsExactly("wandb.note.1={\"note\":\"new\"}");
    }
    try (ServeProcess again = ServeProcess.start("--dir", store)) {
      assertThat(feedback(again)).containsExactly("wandb.note.1={\"note\":\"new\"}");
    }
  }

  private List<String> rows(ServeProcess s, String digest, String extra) throws Exception {
    List<String> out = new ArrayList<>();
    post(s, "/table/query", "{\"project_id\":\"e/p\",\"digest\":\"" + digest + "\"" + extra + "}")
        .path("rows")
        .forEach(
            r ->
                out.add(r.path("original_index").asInt() + ":" + r.path("val").path("q").asText()));
    return out;
  }

  @Test
  void tablesAreCreatedUpdatedQueriedAndReadThroughADatasetRef() throws Exception {
    String store;
    String updated;
    try (ServeProcess s = ServeProcess.start()) {
      store = s.storeDir().toString();
      JsonNode created =
          post(
              s,
              "/table/create",
              "{\"table\":{\"project_id\":\"e/p\",\"rows\":[{\"q\":\"a\"},{\"q\":\"b\"},{\"q\":\"c\"}]}}");
      String digest = created.path("digest").asText();
      JsonNode rowDigests = created.path("row_digests");
      assertThat(rowDigests).hasSize(3);
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      rowDigests.forEach(
          d -> sha.update(d.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      assertThat(digest).isEqualTo(java.util.HexFormat.of().formatHex(sha.digest()));

      assertThat(rows(s, digest, "")).containsExactly("0:a", "1:b", "2:c");
      assertThat(rows(s, digest, ",\"offset\":1,\"limit\":1")).containsExactly("1:b");
      assertThat(
              rows(
                  s,
                  digest,
                  ",\"filter\":{\"row_digests\":[\"" + rowDigests.get(2).asText() + "\"]}"))
          .containsExactly("2:c");

      JsonNode update =
          post(
              s,
              "/table/update",
              "{\"project_id\":\"e/p\",\"base_digest\":\""
                  + digest
                  + "\",\"updates\":[{\"append\":{\"row\":{\"q\":\"d\"}}},{\"pop\":{\"index\":0}},"
                  + "{\"insert\":{\"index\":0,\"row\":{\"q\":\"z\"}}}]}");
      updated = update.path("digest").asText();
      assertThat(update.path("updated_row_digests")).hasSize(2);
      assertThat(rows(s, updated, "")).containsExactly("0:z", "1:b", "2:c", "3:d");
      assertThat(rows(s, digest, "")).as("the base is unchanged").hasSize(3);
      assertThat(
              post(
                      s,
                      "/table/query_stats",
                      "{\"project_id\":\"e/p\",\"digest\":\"" + updated + "\"}")
                  .path("count")
                  .asInt())
          .isEqualTo(4);

      String ds =
          create(
              s,
              "my-dataset",
              "{\"_type\":\"Dataset\",\"_class_name\":\"Dataset\",\"rows\":\"weave:///e/p/table/"
                  + updated
                  + "\"}");
      String base = "weave:///e/p/object/my-dataset:" + ds + "/attr/rows";
      JsonNode vals =
          post(
                  s,
                  "/refs/read_batch",
                  "{\"refs\":[\""
                      + base
                      + "/index/1\",\""
                      + base
                      + "/id/"
                      + rowDigests.get(2).asText()
                      + "\"]}")
              .path("vals");
      assertThat(vals.get(0).path("q").asText()).isEqualTo("b");
      assertThat(vals.get(1).path("q").asText()).isEqualTo("c");
    }
    try (ServeProcess again = ServeProcess.start("--dir", store)) {
      assertThat(rows(again, updated, "")).containsExactly("0:z", "1:b", "2:c", "3:d");
    }
  }

  @Test
  void includeCostsPricesKnownModelsFromTheShippedTable() throws Exception {
    String id = "00000000-0000-7000-8000-00000000c057";
    try (ServeProcess s = ServeProcess.start()) {
      post(
          s,
          "/call/upsert_batch",
          "{\"batch\":[{\"mode\":\"start\",\"req\":{\"start\":{\"project_id\":\"e/p\",\"id\":\""
              + id
              + "\",\"trace_id\":\""
              + id
              + "\",\"op_name\":\"llm\",\"started_at\":\"2025-01-01T00:00:01Z\","
              + "\"attributes\":{},\"inputs\":{}}}},{\"mode\":\"end\",\"req\":{\"end\":{"
              + "\"project_id\":\"e/p\",\"id\":\""
              + id
              + "\",\"ended_at\":\"2025-01-01T00:00:02Z\",\"summary\":{\"usage\":{"
              + "\"gpt-4o-2024-08-06\":{\"prompt_tokens\":1000,\"completion_tokens\":500,"
              + "\"requests\":1},\"my-own-model\":{\"prompt_tokens\":7}}}}}}]}");
      JsonNode read =
          post(
                  s,
                  "/call/read",
                  "{\"project_id\":\"e/p\",\"id\":\"" + id + "\",\"include_costs\":true}")
              .path("call");
      JsonNode costs = read.path("summary").path("weave").path("costs");
      JsonNode gpt = costs.path("gpt-4o-2024-08-06");
      assertThat(gpt.path("prompt_tokens_total_cost").asDouble()).isCloseTo(0.0025, within(1e-12));
      assertThat(gpt.path("completion_tokens_total_cost").asDouble())
          .isCloseTo(0.005, within(1e-12));
      assertThat(gpt.path("provider_id").asText()).isEqualTo("openai");
      assertThat(costs.has("my-own-model")).isFalse();
      HttpResponse<String> stream =
          http.send(
              HttpRequest.newBuilder(URI.create(s.url() + "/calls/stream_query"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"project_id\":\"e/p\",\"include_costs\":true}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(M.readTree(stream.body().trim()).path("summary").path("weave").path("costs"))
          .isEqualTo(costs);
      JsonNode plain =
          post(s, "/call/read", "{\"project_id\":\"e/p\",\"id\":\"" + id + "\"}").path("call");
      assertThat(plain.path("summary").path("weave").has("costs")).isFalse();
    }
  }
}
