package dev.weave4j.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.internal.query.CallRow;
import dev.weave4j.internal.query.CallsQueryRequest;
import dev.weave4j.internal.query.Expr;
import dev.weave4j.internal.query.ExprCompiler;
import dev.weave4j.internal.query.QueryException;
import dev.weave4j.internal.query.SortBy;
import dev.weave4j.internal.store.ProjectStore;
import dev.weave4j.internal.util.Ids;
import dev.weave4j.internal.util.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The trace server's endpoints over the local store (weave-protocol.md §1): request bodies in,
 * response bodies out, {@link ApiError} for the error answers. Writes become store lines in the
 * {@code /call/upsert_batch} item envelope, exactly as the agent writes them.
 */
final class TraceApi {

  static final int MAX_DELETE_CALLS = 1000;

  /** The one user of a server without accounts, where upstream puts the caller's W&B user id. */
  static final String SERVE_USER = "weave4j-serve";

  static final int MAX_FEEDBACK_PAYLOAD_BYTES = 1 << 20;
  private static final ObjectMapper MAPPER = JsonMapper.get();

  private final ProjectStores stores;

  TraceApi(ProjectStores stores) {
    this.stores = stores;
  }

  JsonNode callStart(JsonNode body) {
    Bodies.strict(body, "", Set.of("start"));
    ObjectNode start = ((ObjectNode) Bodies.object(body, "", "start")).deepCopy();
    validateStart(start, "start", false);
    ValueLimits.bound(start);
    if (!start.path("id").isTextual()) {
      start.put("id", Ids.uuid7());
    }
    if (!start.path("trace_id").isTextual()) {
      start.put("trace_id", Ids.uuid7());
    }
    ObjectNode req = MAPPER.createObjectNode();
    req.set("start", start);
    stores.get(start.get("project_id").textValue()).append("start", req);
    return idAndTrace(start);
  }

  JsonNode callEnd(JsonNode body) {
    Bodies.strict(body, "", Set.of("end"));
    JsonNode end = Bodies.object(body, "", "end");
    validateEnd(end, "end");
    ValueLimits.bound(end);
    stores.get(end.get("project_id").textValue()).append("end", body);
    return MAPPER.createObjectNode();
  }

  JsonNode upsertBatch(JsonNode body) {
    Bodies.strict(body, "", Set.of("batch"));
    JsonNode batch = body.get("batch");
    if (batch == null || !batch.isArray()) {
      throw Bodies.missing("", "batch");
    }
    Map<String, ByteArrayOutputStream> lines = new LinkedHashMap<>();
    ArrayNode res = MAPPER.createArrayNode();
    for (int i = 0; i < batch.size(); i++) {
      String at = "batch." + i;
      JsonNode item = Bodies.strict(batch.get(i), at, Set.of("mode", "req"));
      String mode = Bodies.string(item, at, "mode");
      JsonNode req = Bodies.object(item, at, "req");
      String project;
      if (mode.equals("start")) {
        Bodies.strict(req, at + ".req", Set.of("start"));
        JsonNode start = Bodies.object(req, at + ".req", "start");
        validateStart(start, at + ".req.start", true);
        ValueLimits.bound(start);
        project = start.get("project_id").textValue();
        res.add(idAndTrace(start));
      } else if (mode.equals("end")) {
        Bodies.strict(req, at + ".req", Set.of("end"));
        JsonNode end = Bodies.object(req, at + ".req", "end");
        validateEnd(end, at + ".req.end");
        ValueLimits.bound(end);
        project = end.get("project_id").textValue();
        res.add(MAPPER.createObjectNode());
      } else {
        throw ApiError.validation(
            "literal_error", at + ".mode", "Input should be 'start' or 'end'");
      }
      stores.get(project); // validates the project id before anything is written
      ProjectStore.writeLine(
          mode, req, lines.computeIfAbsent(project, p -> new ByteArrayOutputStream(1 << 16)));
    }
    lines.forEach((project, out) -> stores.get(project).append(out.toByteArray()));
    ObjectNode out = MAPPER.createObjectNode();
    out.set("res", res);
    return out;
  }

  /** {@code /v2/{entity}/{project}/calls/complete}: each complete call as a start and an end. */
  JsonNode callsComplete(String projectId, JsonNode body) {
    Bodies.strict(body, "", Set.of("batch"));
    JsonNode batch = body.get("batch");
    if (batch == null || !batch.isArray()) {
      throw Bodies.missing("", "batch");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < batch.size(); i++) {
      String at = "batch." + i;
      if (!(batch.get(i) instanceof ObjectNode call)) {
        throw ApiError.validation("model_type", at, "Input should be a valid dictionary");
      }
      call.put("project_id", projectId);
      ObjectNode start = MAPPER.createObjectNode();
      ObjectNode end = MAPPER.createObjectNode();
      call.fields()
          .forEachRemaining(
              e -> {
                switch (e.getKey()) {
                  case "ended_at", "exception", "output", "summary", "wb_run_step_end" ->
                      end.set(e.getKey(), e.getValue());
                  default -> start.set(e.getKey(), e.getValue());
                }
              });
      end.put("project_id", projectId);
      end.set("id", call.get("id"));
      if (!end.has("summary")) {
        end.putObject("summary");
      }
      validateStart(start, at, true);
      validateEnd(end, at);
      ValueLimits.bound(start);
      ValueLimits.bound(end);
      out.writeBytes(ProjectStore.line("start", MAPPER.createObjectNode().set("start", start)));
      out.writeBytes(ProjectStore.line("end", MAPPER.createObjectNode().set("end", end)));
    }
    stores.get(projectId).append(out.toByteArray());
    return MAPPER.createObjectNode();
  }

  static void validateStart(JsonNode start, String at, boolean batched) {
    Bodies.string(start, at, "project_id");
    Bodies.string(start, at, "op_name");
    Bodies.datetime(start, at, "started_at");
    Bodies.object(start, at, "attributes");
    Bodies.object(start, at, "inputs");
    if (batched) {
      Bodies.string(start, at, "id");
      Bodies.string(start, at, "trace_id");
    } else {
      Bodies.optionalString(start, at, "id");
      Bodies.optionalString(start, at, "trace_id");
    }
    RequestIds.callId("id", Bodies.optionalString(start, at, "id"));
    RequestIds.callId("trace_id", Bodies.optionalString(start, at, "trace_id"));
    RequestIds.callId("parent_id", Bodies.optionalString(start, at, "parent_id"));
    RequestIds.displayName(Bodies.optionalString(start, at, "display_name"));
  }

  static void validateEnd(JsonNode end, String at) {
    Bodies.string(end, at, "project_id");
    RequestIds.callId("id", Bodies.string(end, at, "id"));
    Bodies.datetime(end, at, "ended_at");
    Bodies.object(end, at, "summary");
    Bodies.optionalString(end, at, "exception");
  }

  private static ObjectNode idAndTrace(JsonNode start) {
    ObjectNode r = MAPPER.createObjectNode();
    r.set("id", start.get("id"));
    r.set("trace_id", start.get("trace_id"));
    return r;
  }

  /**
   * A project to read from, with what other processes (an agent writing to the same store) appended
   * since the last read.
   */
  private Optional<ProjectStore> forRead(String projectId) {
    return stores.forRead(projectId);
  }

  /** A {@code /calls/stream_query} whose request has been checked: it only streams. */
  interface Query {
    void run(Consumer<ObjectNode> sink);
  }

  JsonNode callRead(JsonNode body) {
    Bodies.strict(
        body,
        "",
        Set.of(
            "project_id",
            "id",
            "include_costs",
            "include_storage_size",
            "include_total_storage_size"));
    String project = Bodies.string(body, "", "project_id");
    String id = Bodies.string(body, "", "id");
    ObjectNode out = MAPPER.createObjectNode();
    ObjectNode call = forRead(project).flatMap(p -> p.call(id)).orElse(null);
    if (call != null && body.path("include_costs").asBoolean(false)) {
      Costs.add(call);
    }
    out.set("call", call);
    return out;
  }

  /** Parses a query request (so errors are answered before the streaming response starts). */
  CallsQueryRequest parseQuery(JsonNode body) {
    return parse(() -> CallsQueryRequest.fromJson(body));
  }

  /**
   * The calls of a parsed {@code /calls/stream_query} (with {@code summary.weave.costs} when {@code
   * includeCosts}); an invalid project id is refused now.
   */
  Query prepareQuery(CallsQueryRequest req, boolean includeCosts) {
    Optional<ProjectStore> p = forRead(req.projectId());
    Consumer<ObjectNode> costs = includeCosts ? Costs::add : c -> {};
    return sink -> p.ifPresent(s -> s.query(req, costs.andThen(sink)));
  }

  JsonNode queryStats(JsonNode body) {
    CallsQueryRequest req = parse(() -> CallsQueryRequest.fromStatsJson(body));
    ObjectNode out = MAPPER.createObjectNode();
    out.put("count", forRead(req.projectId()).map(p -> p.count(req)).orElse(0L));
    return out;
  }

  JsonNode callUpdate(JsonNode body) {
    Bodies.strict(body, "", Set.of("project_id", "call_id", "display_name", "wb_user_id"));
    String project = Bodies.string(body, "", "project_id");
    String callId = Bodies.string(body, "", "call_id");
    String name = Bodies.optionalString(body, "", "display_name");
    if (name == null) {
      throw ApiError.invalid("One of [display_name] is required for call update");
    }
    RequestIds.displayName(name);
    stores.get(project).updateDisplayName(callId, name);
    return MAPPER.createObjectNode();
  }

  JsonNode callsDelete(JsonNode body) {
    Bodies.strict(body, "", Set.of("project_id", "call_ids", "wb_user_id"));
    String project = Bodies.string(body, "", "project_id");
    JsonNode ids = body.get("call_ids");
    if (ids == null || !ids.isArray()) {
      throw Bodies.missing("", "call_ids");
    }
    if (ids.size() > MAX_DELETE_CALLS) {
      throw ApiError.reason(413, "Cannot delete more than " + MAX_DELETE_CALLS + " calls at once");
    }
    List<String> callIds = new ArrayList<>();
    for (JsonNode id : ids) {
      if (!id.isTextual()) {
        throw ApiError.validation("string_type", "call_ids", "Input should be a valid string");
      }
      callIds.add(id.textValue());
    }
    ObjectNode out = MAPPER.createObjectNode();
    out.put("num_deleted", callIds.isEmpty() ? 0 : stores.get(project).delete(callIds));
    return out;
  }

  JsonNode feedbackCreate(JsonNode body) {
    return createFeedback(body);
  }

  private static final Set<String> FEEDBACK_FIELDS =
      Set.of(
          "id",
          "project_id",
          "weave_ref",
          "creator",
          "feedback_type",
          "payload",
          "annotation_ref",
          "runnable_ref",
          "call_ref",
          "trigger_ref",
          "wb_user_id");

  /**
   * {@code /feedback/replace}: as upstream, the row {@code feedback_id} is purged and the new one
   * created (with a new id unless one is given).
   */
  JsonNode feedbackReplace(JsonNode body) {
    Set<String> allowed = new java.util.HashSet<>(FEEDBACK_FIELDS);
    allowed.add("feedback_id");
    Bodies.strict(body, "", allowed);
    String project = Bodies.string(body, "", "project_id");
    String replaced = Bodies.string(body, "", "feedback_id");
    ObjectNode create = ((ObjectNode) body).deepCopy();
    create.remove("feedback_id");
    validateFeedback(create);
    stores.get(project).purgeFeedback(List.of(replaced));
    return createFeedback(create);
  }

  /** {@code /feedback/purge}: removes the rows {@code query} matches; {@code {}}. */
  JsonNode feedbackPurge(JsonNode body) {
    Bodies.strict(body, "", Set.of("project_id", "query"));
    String project = Bodies.string(body, "", "project_id");
    if (body.get("query") == null || body.get("query").isNull()) {
      throw Bodies.missing("", "query");
    }
    Expr expr = parse(() -> ExprCompiler.compileQuery(body.get("query")));
    List<String> ids = new ArrayList<>();
    for (ObjectNode f : forRead(project).map(ProjectStore::feedback).orElse(List.of())) {
      if (expr == null || expr.test(CallRow.of(f))) {
        ids.add(f.path("id").asText());
      }
    }
    if (!ids.isEmpty()) {
      stores.get(project).purgeFeedback(ids);
    }
    return MAPPER.createObjectNode();
  }

  private JsonNode createFeedback(JsonNode body) {
    validateFeedback(body);
    ObjectNode req = (ObjectNode) body;
    // Upstream fills it from the caller's account and declares it required in the answer.
    req.put("wb_user_id", SERVE_USER);
    return stores.get(body.get("project_id").textValue()).createFeedback(req);
  }

  private static void validateFeedback(JsonNode body) {
    Bodies.strict(body, "", FEEDBACK_FIELDS);
    Bodies.string(body, "", "project_id");
    String ref = Bodies.string(body, "", "weave_ref");
    String type = Bodies.string(body, "", "feedback_type");
    JsonNode payload = Bodies.object(body, "", "payload");
    if (!ref.startsWith("weave:///")) {
      throw ApiError.invalid("Invalid weave_ref: " + ref);
    }
    if (type.startsWith("wandb.")
        && !type.equals("wandb.reaction.1")
        && !type.equals("wandb.note.1")
        && !type.startsWith("wandb.annotation.")
        && !type.startsWith("wandb.runnable.")) {
      throw ApiError.invalid("Invalid feedback_type: " + type + " (wandb.* types are reserved)");
    }
    if (payload.toString().getBytes(StandardCharsets.UTF_8).length > MAX_FEEDBACK_PAYLOAD_BYTES) {
      throw ApiError.invalid("Feedback payload too large");
    }
  }

  JsonNode feedbackQuery(JsonNode body) {
    Bodies.strict(body, "", Set.of("project_id", "fields", "query", "sort_by", "limit", "offset"));
    String project = Bodies.string(body, "", "project_id");
    Expr expr = parse(() -> ExprCompiler.compileQuery(body.get("query")));
    List<SortBy> sorts = new ArrayList<>();
    JsonNode sortBy = body.get("sort_by");
    if (sortBy != null && sortBy.isArray()) {
      for (JsonNode s : sortBy) {
        sorts.add(
            new SortBy(s.path("field").asText(), "desc".equals(s.path("direction").asText())));
      }
    }
    List<CallRow> rows = new ArrayList<>();
    for (ObjectNode f : forRead(project).map(ProjectStore::feedback).orElse(List.of())) {
      CallRow row = CallRow.of(f);
      if (expr == null || expr.test(row)) {
        rows.add(row);
      }
    }
    if (!sorts.isEmpty()) {
      rows.sort(SortBy.comparator(sorts));
    }
    int offset = Bodies.optionalNonNegative(body, "", "offset", 0);
    int limit = Bodies.optionalNonNegative(body, "", "limit", Integer.MAX_VALUE);
    ArrayNode result = MAPPER.createArrayNode();
    JsonNode fields = body.get("fields");
    for (int i = offset; i < rows.size() && result.size() < limit; i++) {
      ObjectNode f = rows.get(i).call();
      if (fields != null && fields.isArray()) {
        ObjectNode projected = MAPPER.createObjectNode();
        for (JsonNode k : fields) {
          projected.set(k.asText(), f.get(k.asText()));
        }
        f = projected;
      }
      result.add(f);
    }
    ObjectNode out = MAPPER.createObjectNode();
    out.set("result", result);
    return out;
  }

  JsonNode objCreate(JsonNode body) {
    Bodies.strict(body, "", Set.of("obj"));
    JsonNode obj = Bodies.object(body, "", "obj");
    Bodies.strict(
        obj,
        "obj",
        Set.of(
            "project_id",
            "object_id",
            "val",
            "builtin_object_class",
            "wb_user_id",
            "expected_digest",
            "set_base_object_class"));
    String project = Bodies.string(obj, "obj", "project_id");
    RequestIds.objectId(Bodies.string(obj, "obj", "object_id"));
    if (!obj.has("val")) {
      throw Bodies.missing("obj", "val");
    }
    ObjectNode res = stores.get(project).createObject((ObjectNode) body);
    String expected = Bodies.optionalString(obj, "obj", "expected_digest");
    if (expected != null && !expected.equals(res.get("digest").asText())) {
      throw ApiError.invalid(
          "Digest mismatch: expected " + expected + ", computed " + res.get("digest").asText());
    }
    return res;
  }

  JsonNode objRead(JsonNode body) {
    Bodies.strict(body, "", Set.of("project_id", "object_id", "digest", "metadata_only"));
    String project = Bodies.string(body, "", "project_id");
    String objectId = Bodies.string(body, "", "object_id");
    String digest = Bodies.string(body, "", "digest");
    ObjectNode obj =
        forRead(project)
            .flatMap(p -> p.readObject(objectId, digest))
            .orElseThrow(() -> ApiError.notFound("Obj " + objectId + ":" + digest + " not found"));
    if (body.path("metadata_only").asBoolean(false)) {
      obj.remove("val");
    }
    ObjectNode out = MAPPER.createObjectNode();
    out.set("obj", obj);
    return out;
  }

  /** {@code /files/create}: multipart form with {@code project_id} and the {@code file} part. */
  JsonNode filesCreate(List<Multipart.Part> parts) {
    String project = null;
    String expected = null;
    Multipart.Part file = null;
    for (Multipart.Part p : parts) {
      if ("project_id".equals(p.name())) {
        project = p.text();
      } else if ("expected_digest".equals(p.name())) {
        expected = p.text();
      } else if ("file".equals(p.name())) {
        file = p;
      }
    }
    if (project == null) {
      throw Bodies.missing("", "project_id");
    }
    if (file == null) {
      throw Bodies.missing("", "file");
    }
    String name = file.filename() == null ? "file" : file.filename();
    String digest = stores.get(project).createFile(name, file.content());
    if (expected != null && !expected.equals(digest)) {
      throw ApiError.invalid("Digest mismatch: expected " + expected + ", computed " + digest);
    }
    ObjectNode out = MAPPER.createObjectNode();
    out.put("digest", digest);
    return out;
  }

  /** {@code /files/content}: the raw bytes of a stored file. */
  byte[] filesContent(JsonNode body) {
    Bodies.strict(body, "", Set.of("project_id", "digest"));
    String project = Bodies.string(body, "", "project_id");
    String digest = Bodies.string(body, "", "digest");
    return forRead(project)
        .flatMap(p -> p.file(digest))
        .orElseThrow(() -> ApiError.notFound("File with digest " + digest + " not found"));
  }

  private interface Parse<T> {
    T get();
  }

  private static <T> T parse(Parse<T> p) {
    try {
      return p.get();
    } catch (QueryException e) {
      throw ApiError.validation(e.type(), e.location(), e.reason());
    }
  }

  static byte[] jsonLine(JsonNode n) {
    try {
      byte[] b = MAPPER.writeValueAsBytes(n);
      byte[] out = new byte[b.length + 1];
      System.arraycopy(b, 0, out, 0, b.length);
      out[b.length] = '\n';
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
