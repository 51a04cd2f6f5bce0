package dev.weave4j.internal.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Internal, unstable. A local-store or spool line of a mode other than {@code start}/{@code end} as
 * the request a Weave server takes: its endpoint and body, without the fields the store adds for
 * itself ({@code created_at}), and {@code file_create} as the multipart {@code /files/create}
 * upload it came from.
 *
 * @param path the endpoint
 * @param json the JSON body, or null for a file upload
 * @param fields the form fields of a file upload
 * @param fileName the file part's name of a file upload
 * @param file the file's content, or null for a JSON request
 */
record StoredRequest(
    String path, byte[] json, Map<String, String> fields, String fileName, byte[] file) {

  /** Store modes the server has an endpoint for (besides the calls batch). */
  private static final Map<String, String> ENDPOINTS =
      Map.of(
          "call_update", "/call/update",
          "calls_delete", "/calls/delete",
          "feedback_create", "/feedback/create",
          "feedback_purge", "/feedback/purge",
          "table_create", "/table/create",
          "obj_create", "/obj/create",
          "file_create", "/files/create");

  /** The request of {@code line}, or null when its mode has no endpoint or it is damaged. */
  static StoredRequest of(byte[] line) {
    JsonNode n = ItemLines.tree(line);
    if (n == null || !n.path("mode").isTextual() || !(n.get("req") instanceof ObjectNode req)) {
      return null;
    }
    String mode = n.get("mode").asText();
    String path = ENDPOINTS.get(mode);
    if (path == null) {
      return null;
    }
    switch (mode) {
      case "file_create" -> {
        byte[] content;
        try {
          content = Base64.getDecoder().decode(req.path("content_base64").asText(""));
        } catch (IllegalArgumentException e) {
          return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("project_id", req.path("project_id").asText());
        return new StoredRequest(path, null, fields, req.path("name").asText("obj.py"), content);
      }
      case "feedback_create", "obj_create" -> req.remove("created_at"); // the server sets it
      default -> {}
    }
    try {
      return new StoredRequest(path, ItemLines.JSON.writeValueAsBytes(req), null, null, null);
    } catch (IOException e) {
      return null;
    }
  }

  boolean isFile() {
    return file != null;
  }
}
