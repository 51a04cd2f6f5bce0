package dev.weave4j.internal.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.trace.OpNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Internal, unstable. Publishes ops as the Python SDK does (weave-protocol.md §1.14, §1.15): the
 * code text as {@code obj.py} through {@code /files/create}, then the op object through {@code
 * /obj/create}; the op's calls then carry {@code weave:///entity/project/op/<name>:<digest>}. One
 * publish per op name and code, cached; runs on the exporter thread, before the batch that needs
 * it.
 */
final class OpPublisher {

  /** What the cache holds for an op the server refused: calls keep the plain name. */
  private static final String PLAIN = "";

  private static final long RETRY_AFTER_FAILURE_NANOS = 5_000_000_000L;

  private final ServerConfig config;
  private final TraceServer server;
  private final Map<String, String> refs = new HashMap<>();
  private boolean unsupportedLogged;
  private long quietUntilNanos = System.nanoTime();

  OpPublisher(ServerConfig config, TraceServer server) {
    this.config = config;
    this.server = server;
  }

  /**
   * The op ref of {@code opName} (published now if needed); {@code opName} itself when it already
   * is a ref or the server does not take ops; null when the server cannot be reached now.
   */
  String refFor(String opName) {
    if (opName.startsWith("weave:///")) {
      return opName;
    }
    String cached = refs.get(opName);
    if (cached != null) {
      return cached.isEmpty() ? opName : cached;
    }
    if (System.nanoTime() - quietUntilNanos < 0) {
      return null; // the server failed a moment ago: the calls go as they are (or to the spool)
    }
    String ref;
    try {
      ref = publish(opName);
    } catch (IOException e) {
      quietUntilNanos = System.nanoTime() + RETRY_AFTER_FAILURE_NANOS;
      return null;
    }
    refs.put(opName, ref == null ? PLAIN : ref);
    return ref == null ? opName : ref;
  }

  /** The ref, or null when the server refused; IOException when it could not be reached. */
  private String publish(String opName) throws IOException {
    String objectId = OpNames.sanitize(opName);
    byte[] code = OpCodeText.of(opName).getBytes(StandardCharsets.UTF_8);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("project_id", config.projectId());
    Response file = server.postFile("/files/create", fields, "obj.py", code);
    if (!file.ok()) {
      return refused(opName, "/files/create", file);
    }
    String fileDigest = text(file, "digest");
    if (fileDigest == null) {
      return refused(opName, "/files/create", file);
    }
    ObjectNode req = ItemLines.JSON.createObjectNode();
    ObjectNode obj = req.putObject("obj");
    obj.put("project_id", config.projectId());
    obj.put("object_id", objectId);
    ObjectNode val = obj.putObject("val");
    val.put("_type", "CustomWeaveType");
    val.putObject("weave_type").put("type", "Op");
    val.putObject("files").put("obj.py", fileDigest);
    Response created =
        server.postJson(
            "/obj/create",
            ItemLines.JSON.writeValueAsBytes(req),
            dev.weave4j.internal.util.Ids.uuid7());
    if (!created.ok()) {
      return refused(opName, "/obj/create", created);
    }
    String digest = text(created, "digest");
    if (digest == null) {
      return refused(opName, "/obj/create", created);
    }
    return "weave:///" + config.projectId() + "/op/" + objectId + ":" + digest;
  }

  private String refused(String opName, String path, Response r) throws IOException {
    if (r.retryable()) {
      throw new IOException(path + " answered HTTP " + r.status());
    }
    if (!unsupportedLogged) {
      unsupportedLogged = true;
      Diagnostics.log()
          .warning(
              "weave4j: cannot publish op "
                  + opName
                  + " ("
                  + path
                  + " answered HTTP "
                  + r.status()
                  + ": "
                  + r.message()
                  + "); its calls are sent with the plain op name");
    }
    return null;
  }

  private static String text(Response r, String field) {
    try {
      JsonNode n = ItemLines.JSON.readTree(r.body());
      JsonNode v = n == null ? null : n.get(field);
      return v != null && v.isTextual() ? v.asText() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
