package dev.weave4j.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error answer with the real server's status and body shape: FastAPI's {@code {"detail": ...}}
 * for routing, auth and request validation (422 lists {@code {type, loc, msg}}), and the trace
 * server's {@code {"reason": ...}} for its own errors (400 invalid request, 404 not found, 413
 * request too large).
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final int status;
  private final transient JsonNode body;

  private ApiError(int status, JsonNode body, String message) {
    super(message, null, false, false);
    this.status = status;
    this.body = body;
  }

  int status() {
    return status;
  }

  JsonNode body() {
    return body;
  }

  static ApiError detail(int status, String detail) {
    return new ApiError(status, NODES.objectNode().put("detail", detail), detail);
  }

  static ApiError reason(int status, String reason) {
    return new ApiError(status, NODES.objectNode().put("reason", reason), reason);
  }

  /** 422 with one pydantic-style validation error at {@code location} (dotted, in the body). */
  static ApiError validation(String type, String location, String msg) {
    ObjectNode err = NODES.objectNode();
    err.put("type", type);
    ArrayNode loc = err.putArray("loc");
    loc.add("body");
    for (String part : location.split("\\.")) {
      if (!part.isEmpty()) {
        loc.add(part);
      }
    }
    err.put("msg", msg);
    ObjectNode body = NODES.objectNode();
    body.putArray("detail").add(err);
    return new ApiError(422, body, location + ": " + msg);
  }

  static ApiError invalid(String reason) {
    return reason(400, reason);
  }

  static ApiError notFound(String reason) {
    return reason(404, reason);
  }
}
