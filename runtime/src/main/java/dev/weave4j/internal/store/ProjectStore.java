package dev.weave4j.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.internal.query.CallsQueryRequest;
import dev.weave4j.internal.util.Digests;
import dev.weave4j.internal.util.Ids;
import dev.weave4j.internal.util.JsonMapper;
import dev.weave4j.internal.util.Timestamps;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Internal, unstable. One project of the local store, read and written: the call index (see {@link
 * LocalStoreReader}) plus feedback and objects, and this process's own file for what it writes.
 * Every write is one append of whole lines in the store's envelope ({@code {"mode", "req"}}),
 * applied to the index at once; lines other processes append are read by {@link #refresh()}.
 * Thread-safe.
 */
public final class ProjectStore implements Closeable {

  /** Store modes of the requests besides call starts and ends. */
  public static final String CALL_UPDATE = "call_update";

  public static final String CALLS_DELETE = "calls_delete";
  public static final String FEEDBACK_CREATE = "feedback_create";
  public static final String FEEDBACK_PURGE = "feedback_purge";
  public static final String OBJ_CREATE = "obj_create";
  public static final String FILE_CREATE = "file_create";
  public static final String TABLE_CREATE = "table_create";

  private static final ObjectMapper MAPPER = JsonMapper.get();

  private final String projectId;
  private final LocalStoreReader reader;
  private final StoreAppender appender;
  private final List<ObjectNode> feedback = new ArrayList<>();
  private final Map<String, List<ObjectNode>> objects = new LinkedHashMap<>();
  private final Map<String, byte[]> files = new java.util.concurrent.ConcurrentHashMap<>();
  private final Tables tables = new Tables();

  private ProjectStore(Path projectDir, String projectId, String fileTag) {
    this.projectId = projectId;
    this.appender = new StoreAppender(projectDir, fileTag);
    this.reader = LocalStoreReader.open(projectDir, this::sideRecord);
  }

  /**
   * Opens (and indexes) a project folder; nothing is created until the first write.
   *
   * @param fileTag the suffix of this process's file name, e.g. {@code serve}
   * @throws UncheckedIOException when the store cannot be read
   */
  public static ProjectStore open(Path projectDir, String projectId, String fileTag) {
    return new ProjectStore(projectDir, projectId, fileTag);
  }

  /** The project id, {@code entity/project}. */
  public String projectId() {
    return projectId;
  }

  /** The reader over the project's calls. */
  public LocalStoreReader reader() {
    return reader;
  }

  /** Reads what other processes appended since the last read. */
  public void refresh() {
    reader.refresh();
  }

  /** The call with this id. */
  public Optional<ObjectNode> call(String id) {
    return reader.call(id);
  }

  /** One page of a calls query. */
  public List<ObjectNode> query(CallsQueryRequest req) {
    List<ObjectNode> out = new ArrayList<>();
    query(req, out::add);
    return out;
  }

  /**
   * Streams the calls of a query to {@code sink}; with {@code include_feedback}, each call's
   * feedback is under {@code summary.weave.feedback} (weave-protocol.md §1.8).
   */
  public void query(CallsQueryRequest req, java.util.function.Consumer<ObjectNode> sink) {
    if (!req.includeFeedback()) {
      reader.query(req, sink);
      return;
    }
    Map<String, List<ObjectNode>> byRef = new java.util.HashMap<>();
    for (ObjectNode f : feedback()) {
      byRef.computeIfAbsent(f.path("weave_ref").asText(), k -> new ArrayList<>()).add(f);
    }
    reader.query(
        req,
        call -> {
          List<ObjectNode> fb =
              byRef.get("weave:///" + projectId + "/call/" + call.path("id").asText());
          if (call.path("summary").path("weave") instanceof ObjectNode weave) {
            weave.set("feedback", MAPPER.valueToTree(fb == null ? List.of() : fb));
          }
          sink.accept(call);
        });
  }

  /** How many calls match a query. */
  public long count(CallsQueryRequest req) {
    return reader.count(req);
  }

  /**
   * Appends whole lines (each {@code {"mode","req"}} JSON ending with a newline) and indexes them.
   *
   * @return how many visible calls deletes among them removed
   */
  public synchronized int append(byte[] lines) {
    try {
      appender.append(lines);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write to the local store in " + reader.projectDir(), e);
    }
    return reader.refreshCountingDeletes();
  }

  /**
   * Appends the lines of {@code batch} and indexes them from what the batch holds, without reading
   * them back.
   */
  public synchronized void append(StoreBatch batch) {
    if (batch.size() == 0) {
      return;
    }
    long at;
    try {
      at = appender.append(batch.bytes(), batch.from(), batch.byteCount());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write to the local store in " + reader.projectDir(), e);
    }
    reader.appended(appender.file(), at, batch);
  }

  /** Appends one request in the store envelope. */
  public int append(String mode, JsonNode req) {
    return append(line(mode, req));
  }

  /** Deletes calls and their descendants; returns how many visible calls were removed. */
  public int delete(List<String> callIds) {
    ObjectNode req = MAPPER.createObjectNode();
    req.put("project_id", projectId);
    callIds.forEach(req.putArray("call_ids")::add);
    return append(CALLS_DELETE, req);
  }

  /** Renames a call ({@code ""} removes its display name). */
  public void updateDisplayName(String callId, String displayName) {
    ObjectNode req = MAPPER.createObjectNode();
    req.put("project_id", projectId);
    req.put("call_id", callId);
    req.put("display_name", displayName);
    append(CALL_UPDATE, req);
  }

  /**
   * Stores feedback ({@code FeedbackCreateReq}); the id is kept when given, else generated.
   *
   * @return the {@code FeedbackCreateRes}: {@code {id, created_at, wb_user_id, payload}}
   */
  public ObjectNode createFeedback(ObjectNode req) {
    ObjectNode stored = req.deepCopy();
    if (!stored.path("id").isTextual()) {
      stored.put("id", Ids.uuid7());
    }
    stored.put("project_id", projectId);
    stored.put("created_at", Timestamps.iso(Timestamps.nowMicros()));
    append(FEEDBACK_CREATE, stored);
    ObjectNode res = MAPPER.createObjectNode();
    res.set("id", stored.get("id"));
    res.set("created_at", stored.get("created_at"));
    res.set(
        "wb_user_id", stored.path("wb_user_id").isMissingNode() ? null : stored.get("wb_user_id"));
    res.set("payload", stored.get("payload"));
    return res;
  }

  /**
   * Removes feedback rows by id. Stored as the {@code /feedback/purge} request it is, with the ids
   * spelled out ({@code $in} on {@code id}), so that a replay or a sync removes the same rows.
   */
  public void purgeFeedback(List<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    ObjectNode req = MAPPER.createObjectNode();
    req.put("project_id", projectId);
    ArrayNode in = req.putObject("query").putObject("$expr").putArray("$in");
    in.addObject().put("$getField", "id");
    ArrayNode literals = in.addArray();
    ids.forEach(id -> literals.addObject().put("$literal", id));
    append(FEEDBACK_PURGE, req);
  }

  /** The ids a stored purge names (its {@code $in} or {@code $eq} on {@code id}). */
  private static List<String> purgedIds(JsonNode req) {
    JsonNode expr = req.path("query").path("$expr");
    List<String> ids = new ArrayList<>();
    JsonNode in = expr.path("$in");
    if (in.isArray() && in.size() == 2 && "id".equals(in.get(0).path("$getField").asText())) {
      in.get(1).forEach(l -> ids.add(l.path("$literal").asText()));
    }
    JsonNode eq = expr.path("$eq");
    if (eq.isArray() && eq.size() == 2 && "id".equals(eq.get(0).path("$getField").asText())) {
      ids.add(eq.get(1).path("$literal").asText());
    }
    return ids;
  }

  /** Every feedback row of the project, oldest first (a copy). */
  public synchronized List<ObjectNode> feedback() {
    synchronized (feedback) {
      return new ArrayList<>(feedback);
    }
  }

  /**
   * Stores an object version ({@code /obj/create} body {@code {"obj": {...}}}); storing the same
   * value again keeps one version.
   *
   * @return {@code {digest, object_id}}
   */
  public ObjectNode createObject(ObjectNode body) {
    JsonNode obj = body.path("obj");
    String objectId = obj.path("object_id").asText();
    String digest = Digests.object(obj.path("val"));
    if (readObject(objectId, digest).isEmpty()) {
      ObjectNode stored = body.deepCopy();
      stored.put("created_at", Timestamps.iso(Timestamps.nowMicros()));
      append(OBJ_CREATE, stored);
    }
    ObjectNode res = MAPPER.createObjectNode();
    res.put("digest", digest);
    res.put("object_id", objectId);
    return res;
  }

  /** An object version by digest, or {@code latest}; shaped as {@code ObjSchema}. */
  public Optional<ObjectNode> readObject(String objectId, String digest) {
    synchronized (objects) {
      List<ObjectNode> versions = objects.get(objectId);
      if (versions == null || versions.isEmpty()) {
        return Optional.empty();
      }
      if ("latest".equals(digest)) {
        return Optional.of(versions.get(versions.size() - 1).deepCopy());
      }
      for (ObjectNode v : versions) {
        if (v.path("digest").asText().equals(digest)) {
          return Optional.of(v.deepCopy());
        }
      }
      return Optional.empty();
    }
  }

  /**
   * Stores a table of {@code rows} ({@code /table/create}, or the result of {@code /table/update});
   * the same rows are stored once.
   *
   * @return its digest and its rows' digests
   */
  public TableRef createTable(List<JsonNode> rows) {
    Tables.Table t = Tables.of(rows);
    if (!tables.contains(t.digest())) {
      ObjectNode req = MAPPER.createObjectNode();
      ObjectNode table = req.putObject("table");
      table.put("project_id", projectId);
      ArrayNode array = table.putArray("rows");
      rows.forEach(array::add);
      append(TABLE_CREATE, req);
      tables.add(t); // also when a reader skipped the line (e.g. a damaged file before it)
    }
    return new TableRef(t.digest(), t.rowDigests());
  }

  /** A stored table's digest and row digests. */
  public record TableRef(String digest, List<String> rowDigests) {}

  /** The rows of a stored table, in order, with their digests; empty when there is none. */
  public Optional<List<Map.Entry<String, JsonNode>>> table(String digest) {
    return tables
        .get(digest)
        .map(
            t -> {
              List<Map.Entry<String, JsonNode>> rows = new ArrayList<>(t.rows().size());
              for (int i = 0; i < t.rows().size(); i++) {
                rows.add(Map.entry(t.rowDigests().get(i), t.rows().get(i).deepCopy()));
              }
              return rows;
            });
  }

  /** Every object version of the project, each object's versions oldest first (copies). */
  public List<ObjectNode> objectVersions() {
    synchronized (objects) {
      List<ObjectNode> out = new ArrayList<>();
      objects.values().forEach(vs -> vs.forEach(v -> out.add(v.deepCopy())));
      return out;
    }
  }

  /**
   * Stores a file's content ({@code /files/create}); the same content is stored once.
   *
   * @return its digest ({@code bytes_digest})
   */
  public String createFile(String name, byte[] content) {
    String digest = Digests.bytes(content);
    if (!files.containsKey(digest)) {
      ObjectNode req = MAPPER.createObjectNode();
      req.put("project_id", projectId);
      req.put("name", name);
      req.put("digest", digest);
      req.put("content_base64", java.util.Base64.getEncoder().encodeToString(content));
      append(FILE_CREATE, req);
    }
    return digest;
  }

  /** A file's content by digest. */
  public Optional<byte[]> file(String digest) {
    return Optional.ofNullable(files.get(digest)).map(byte[]::clone);
  }

  private void sideRecord(String mode, JsonNode req) {
    if (FILE_CREATE.equals(mode) && req.path("content_base64").isTextual()) {
      try {
        byte[] content = java.util.Base64.getDecoder().decode(req.get("content_base64").asText());
        files.put(Digests.bytes(content), content);
      } catch (IllegalArgumentException e) {
        // a damaged line: the file is not there
      }
    } else if (FEEDBACK_CREATE.equals(mode) && req.isObject()) {
      synchronized (feedback) {
        feedback.add((ObjectNode) req);
      }
    } else if (TABLE_CREATE.equals(mode)) {
      tables.add(Tables.of(Tables.rows(req)));
    } else if (FEEDBACK_PURGE.equals(mode)) {
      java.util.Set<String> ids = new java.util.HashSet<>(purgedIds(req));
      synchronized (feedback) {
        feedback.removeIf(f -> ids.contains(f.path("id").asText()));
      }
    } else if (OBJ_CREATE.equals(mode) && req.path("obj").isObject()) {
      JsonNode obj = req.get("obj");
      String objectId = obj.path("object_id").asText();
      String digest = Digests.object(obj.path("val"));
      synchronized (objects) {
        List<ObjectNode> versions = objects.computeIfAbsent(objectId, k -> new ArrayList<>());
        for (ObjectNode v : versions) {
          if (v.path("digest").asText().equals(digest)) {
            return;
          }
        }
        versions.forEach(v -> v.put("is_latest", 0));
        ObjectNode o = MAPPER.createObjectNode();
        o.put("project_id", projectId);
        o.put("object_id", objectId);
        o.put("created_at", req.path("created_at").asText(Timestamps.iso(Timestamps.nowMicros())));
        o.putNull("deleted_at");
        o.put("digest", digest);
        o.put("version_index", versions.size());
        o.put("is_latest", 1);
        boolean op = "Op".equals(obj.path("val").path("weave_type").path("type").asText());
        o.put("kind", op ? "op" : "object");
        o.set("base_object_class", obj.get("builtin_object_class"));
        o.set("val", obj.get("val"));
        o.set("wb_user_id", obj.get("wb_user_id"));
        versions.add(o);
      }
    }
  }

  /** One store line. */
  public static byte[] line(String mode, JsonNode req) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    writeLine(mode, req, out);
    return out.toByteArray();
  }

  /** Writes one store line, {@code {"mode": mode, "req": req}} and a newline, to {@code out}. */
  public static void writeLine(String mode, JsonNode req, ByteArrayOutputStream out) {
    try (com.fasterxml.jackson.core.JsonGenerator g = MAPPER.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("mode", mode);
      g.writeFieldName("req");
      MAPPER.writeTree(g, req);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write('\n');
  }

  @Override
  public void close() {
    reader.close();
    try {
      appender.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
