package dev.weave4j.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Test helper: local store lines in the {@code /call/upsert_batch} item envelope, and files. */
public final class StoreFixture {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  public static final String PROJECT = "local/default";

  private StoreFixture() {}

  /** A start line; {@code parentId} null for a root, {@code inputs} JSON text. */
  public static String start(
      String id, String traceId, String parentId, String op, String startedAt, String inputs) {
    return start(id, traceId, parentId, op, null, startedAt, inputs);
  }

  /** A start line with a display name. */
  public static String start(
      String id,
      String traceId,
      String parentId,
      String op,
      String displayName,
      String startedAt,
      String inputs) {
    ObjectNode s = MAPPER.createObjectNode();
    s.put("project_id", PROJECT);
    s.put("id", id);
    s.put("trace_id", traceId);
    s.put("parent_id", parentId);
    s.put("op_name", op);
    if (displayName != null) {
      s.put("display_name", displayName);
    }
    s.put("started_at", startedAt);
    ObjectNode weave = s.putObject("attributes").putObject("weave");
    weave.put("client_version", "0.1.0-SNAPSHOT");
    weave.put("source", "java-sdk");
    s.set("inputs", json(inputs));
    return envelope("start", MAPPER.createObjectNode().set("start", s));
  }

  /** An end line; {@code exception} (Weave's exception JSON text) and {@code summary} optional. */
  public static String end(
      String id, String endedAt, String output, String exception, String summary) {
    ObjectNode e = MAPPER.createObjectNode();
    e.put("project_id", PROJECT);
    e.put("id", id);
    e.put("ended_at", endedAt);
    e.set("output", json(output));
    if (exception != null) {
      e.put("exception", exception);
    }
    e.set("summary", summary == null ? MAPPER.createObjectNode() : json(summary));
    return envelope("end", MAPPER.createObjectNode().set("end", e));
  }

  /** A successful end with output and an empty summary. */
  public static String end(String id, String endedAt, String output) {
    return end(id, endedAt, output, null, null);
  }

  /** Weave's exception string for a Java exception. */
  public static String exception(String type, String message) {
    ObjectNode ex = MAPPER.createObjectNode();
    ex.put("type", type);
    ex.put("message", message);
    ex.putArray("traceback");
    return ex.toString();
  }

  /** A {@code call_update} line setting a display name. */
  public static String update(String callId, String displayName) {
    ObjectNode req = MAPPER.createObjectNode();
    req.put("project_id", PROJECT);
    req.put("call_id", callId);
    req.put("display_name", displayName);
    return envelope("call_update", req);
  }

  /** A {@code calls_delete} line. */
  public static String delete(String... callIds) {
    ObjectNode req = MAPPER.createObjectNode();
    req.put("project_id", PROJECT);
    var ids = req.putArray("call_ids");
    for (String id : callIds) {
      ids.add(id);
    }
    return envelope("calls_delete", req);
  }

  /** Writes (or appends) the lines, each ending with a newline. */
  public static Path write(Path projectDir, String fileName, String... lines) {
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      sb.append(line).append('\n');
    }
    return appendRaw(projectDir.resolve(fileName), sb.toString());
  }

  /** Appends text as is (for torn lines). */
  public static Path appendRaw(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(
          file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String envelope(String mode, JsonNode req) {
    ObjectNode line = MAPPER.createObjectNode();
    line.put("mode", mode);
    line.set("req", req);
    return line.toString();
  }

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
