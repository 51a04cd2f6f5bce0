package dev.weave4j.testing.providers;

import static dev.weave4j.testing.providers.Reply.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.testing.providers.Reply.Event;
import java.util.ArrayList;
import java.util.List;

/** Google GenAI (Gemini API) {@code generateContent} and {@code streamGenerateContent} answers. */
final class GenAiReplies {

  private GenAiReplies() {}

  static Reply generate(String model, JsonNode request, boolean stream) {
    Scenario s = Scenario.of(model);
    if (s.isError()) {
      String status =
          switch (s) {
            case BAD_REQUEST -> "INVALID_ARGUMENT";
            case RATE_LIMITED -> "RESOURCE_EXHAUSTED";
            default -> "INTERNAL";
          };
      ObjectNode body = JSON.createObjectNode();
      body.putObject("error")
          .put("code", s.status)
          .put("message", Canned.errorMessage(s.status))
          .put("status", status);
      return Reply.json(s.status, body);
    }
    String tool = null;
    for (JsonNode t : request.path("tools")) {
      JsonNode declarations = t.path("functionDeclarations");
      if (declarations.isArray() && !declarations.isEmpty()) {
        tool = declarations.get(0).path("name").asText();
        break;
      }
    }
    String responseModel = Canned.responseModel(model);
    if (!stream) {
      ObjectNode body = JSON.createObjectNode();
      ObjectNode part = body.putArray("candidates").addObject();
      ArrayNode parts = part.putObject("content").put("role", "model").putArray("parts");
      if (tool == null) {
        parts.addObject().put("text", Canned.TEXT);
      } else {
        parts
            .addObject()
            .putObject("functionCall")
            .put("name", tool)
            .putObject("args")
            .put("city", "Paris");
      }
      part.put("finishReason", "STOP").put("index", 0);
      body.set("usageMetadata", usage(true));
      body.put("modelVersion", responseModel).put("responseId", "resp_test1");
      return Reply.json(200, body);
    }
    List<Event> events = new ArrayList<>();
    List<String> pieces = tool == null ? Canned.TEXT_PIECES : List.of("");
    for (int i = 0; i < pieces.size(); i++) {
      boolean last = i == pieces.size() - 1;
      ObjectNode chunk = JSON.createObjectNode();
      ObjectNode candidate = chunk.putArray("candidates").addObject();
      ArrayNode parts = candidate.putObject("content").put("role", "model").putArray("parts");
      if (tool == null) {
        parts.addObject().put("text", pieces.get(i));
      } else {
        parts
            .addObject()
            .putObject("functionCall")
            .put("name", tool)
            .putObject("args")
            .put("city", "Paris");
      }
      if (last) {
        candidate.put("finishReason", "STOP");
      }
      candidate.put("index", 0);
      chunk.set("usageMetadata", usage(last));
      chunk.put("modelVersion", responseModel).put("responseId", "resp_test1");
      events.add(new Event(null, chunk));
    }
    return s == Scenario.CUT_STREAM ? Reply.cutSse(events) : Reply.sse(events, null);
  }

  /** Gemini sends usage on every chunk; the candidate count is only complete on the last one. */
  private static ObjectNode usage(boolean complete) {
    ObjectNode u = JSON.createObjectNode().put("promptTokenCount", Canned.PROMPT_TOKENS);
    if (complete) {
      u.put("candidatesTokenCount", Canned.COMPLETION_TOKENS)
          .put("totalTokenCount", Canned.TOTAL_TOKENS)
          .put("cachedContentTokenCount", Canned.CACHED_TOKENS)
          .put("thoughtsTokenCount", Canned.REASONING_TOKENS);
    } else {
      u.put("totalTokenCount", Canned.PROMPT_TOKENS);
    }
    return u;
  }
}
