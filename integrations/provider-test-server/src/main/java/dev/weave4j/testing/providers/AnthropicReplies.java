package dev.weave4j.testing.providers;

import static dev.weave4j.testing.providers.Reply.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.testing.providers.Reply.Event;
import java.util.ArrayList;
import java.util.List;

/** Anthropic's messages answers (also beta messages, the same path with {@code ?beta=true}). */
final class AnthropicReplies {

  private AnthropicReplies() {}

  static Reply messages(JsonNode request) {
    String model = request.path("model").asText();
    Scenario s = Scenario.of(model);
    if (s.isError()) {
      ObjectNode body = JSON.createObjectNode().put("type", "error");
      String type =
          switch (s) {
            case BAD_REQUEST -> "invalid_request_error";
            case RATE_LIMITED -> "rate_limit_error";
            default -> "api_error";
          };
      body.putObject("error").put("type", type).put("message", Canned.errorMessage(s.status));
      return Reply.json(s.status, body);
    }
    JsonNode tools = request.path("tools");
    String tool = tools.isArray() && !tools.isEmpty() ? tools.get(0).path("name").asText() : null;
    String responseModel = Canned.responseModel(model);
    if (!request.path("stream").asBoolean(false)) {
      ObjectNode message = message(responseModel, tool == null ? "end_turn" : "tool_use");
      ArrayNode content = message.putArray("content");
      if (tool == null) {
        content.addObject().put("type", "text").put("text", Canned.TEXT);
      } else {
        ObjectNode use = content.addObject().put("type", "tool_use").put("id", "toolu_test1");
        use.put("name", tool).putObject("input").put("city", "Paris");
      }
      message.set("usage", usage(Canned.COMPLETION_TOKENS));
      return Reply.json(200, message);
    }
    List<JsonNode> events = new ArrayList<>();
    ObjectNode start = message(responseModel, null);
    start.putArray("content");
    start.set("usage", usage(1));
    events.add((JsonNode) event("message_start").set("message", start));
    ObjectNode blockStart = event("content_block_start").put("index", 0);
    if (tool == null) {
      blockStart.putObject("content_block").put("type", "text").put("text", "");
    } else {
      ObjectNode use = blockStart.putObject("content_block").put("type", "tool_use");
      use.put("id", "toolu_test1").put("name", tool).putObject("input");
    }
    events.add(blockStart);
    events.add(event("ping"));
    List<String> pieces = tool == null ? Canned.TEXT_PIECES : Canned.TOOL_ARGUMENT_PIECES;
    for (String piece : pieces) {
      ObjectNode delta = event("content_block_delta").put("index", 0);
      if (tool == null) {
        delta.putObject("delta").put("type", "text_delta").put("text", piece);
      } else {
        delta.putObject("delta").put("type", "input_json_delta").put("partial_json", piece);
      }
      events.add(delta);
    }
    events.add(event("content_block_stop").put("index", 0));
    ObjectNode messageDelta = event("message_delta");
    messageDelta
        .putObject("delta")
        .put("stop_reason", tool == null ? "end_turn" : "tool_use")
        .putNull("stop_sequence");
    messageDelta.putObject("usage").put("output_tokens", Canned.COMPLETION_TOKENS);
    events.add(messageDelta);
    events.add(event("message_stop"));
    List<Event> sse = new ArrayList<>();
    for (JsonNode e : events) {
      sse.add(new Event(e.path("type").asText(), e));
    }
    return s == Scenario.CUT_STREAM ? Reply.cutSse(sse) : Reply.sse(sse, null);
  }

  private static ObjectNode event(String type) {
    return JSON.createObjectNode().put("type", type);
  }

  private static ObjectNode message(String model, String stopReason) {
    ObjectNode m =
        JSON.createObjectNode()
            .put("id", "msg_test1")
            .put("type", "message")
            .put("role", "assistant")
            .put("model", model);
    if (stopReason == null) {
      m.putNull("stop_reason");
    } else {
      m.put("stop_reason", stopReason);
    }
    m.putNull("stop_sequence");
    return m;
  }

  private static ObjectNode usage(int outputTokens) {
    return JSON.createObjectNode()
        .put("input_tokens", Canned.PROMPT_TOKENS)
        .put("cache_creation_input_tokens", 0)
        .put("cache_read_input_tokens", Canned.CACHED_TOKENS)
        .put("output_tokens", outputTokens);
  }
}
