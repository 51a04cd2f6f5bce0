package dev.weave4j.testing.providers;

import static dev.weave4j.testing.providers.Reply.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.testing.providers.Reply.Event;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** OpenAI's chat completions, Responses and embeddings answers, as api.openai.com sends them. */
final class OpenAiReplies {

  private static final long CREATED = 1_700_000_000L;

  private OpenAiReplies() {}

  static Reply error(Scenario s) {
    ObjectNode error = JSON.createObjectNode();
    error.put("message", Canned.errorMessage(s.status));
    switch (s) {
      case BAD_REQUEST -> error.put("type", "invalid_request_error").put("param", "temperature");
      case RATE_LIMITED -> error.put("type", "requests").putNull("param");
      default -> error.put("type", "server_error").putNull("param");
    }
    if (s == Scenario.RATE_LIMITED) {
      error.put("code", "rate_limit_exceeded");
    } else {
      error.putNull("code");
    }
    ObjectNode body = JSON.createObjectNode();
    body.set("error", error);
    return Reply.json(s.status, body);
  }

  private static String toolName(JsonNode request) {
    JsonNode tools = request.path("tools");
    if (!tools.isArray() || tools.isEmpty()) {
      return null;
    }
    JsonNode tool = tools.get(0);
    // chat completions nest the function; Responses put the name on the tool
    return tool.has("function")
        ? tool.path("function").path("name").asText()
        : tool.path("name").asText();
  }

  /** Whether the chat request's last message is a tool's result (the app ran the tool call). */
  private static boolean answersToolResult(JsonNode request) {
    JsonNode messages = request.path("messages");
    return messages.isArray()
        && !messages.isEmpty()
        && "tool".equals(messages.get(messages.size() - 1).path("role").asText());
  }

  // ---- chat completions

  static Reply chat(JsonNode request) {
    String model = request.path("model").asText();
    Scenario s = Scenario.of(model);
    if (s.isError()) {
      return error(s);
    }
    List<String> tools = chatToolNames(request);
    String tool = tools.isEmpty() ? null : tools.get(0);
    String responseModel = Canned.responseModel(model);
    if (!request.path("stream").asBoolean(false)) {
      ObjectNode message = JSON.createObjectNode().put("role", "assistant");
      if (tool == null) {
        message.put("content", Canned.TEXT);
      } else {
        message.putNull("content");
        ArrayNode calls = message.putArray("tool_calls");
        for (int i = 0; i < tools.size(); i++) {
          ObjectNode call = calls.addObject().put("id", toolCallId(i)).put("type", "function");
          call.putObject("function")
              .put("name", tools.get(i))
              .put("arguments", Canned.TOOL_ARGUMENTS);
        }
      }
      message.putNull("refusal");
      message.putArray("annotations");
      ObjectNode body = chatBase("chat.completion", responseModel);
      ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
      choice.set("message", message);
      choice.putNull("logprobs");
      choice.put("finish_reason", tool == null ? "stop" : "tool_calls");
      body.set("usage", chatUsage());
      body.put("service_tier", "default");
      return Reply.json(200, body);
    }
    boolean includeUsage = request.path("stream_options").path("include_usage").asBoolean(false);
    List<Event> events = new ArrayList<>();
    ObjectNode first = JSON.createObjectNode().put("role", "assistant");
    if (tool == null) {
      first.put("content", "");
    } else {
      first.putNull("content");
      ObjectNode call =
          first.putArray("tool_calls").addObject().put("index", 0).put("id", toolCallId(0));
      call.put("type", "function");
      call.putObject("function").put("name", tool).put("arguments", "");
    }
    first.putNull("refusal");
    events.add(chunk(responseModel, first, null, includeUsage));
    if (tool == null) {
      for (String piece : Canned.TEXT_PIECES) {
        events.add(
            chunk(
                responseModel, JSON.createObjectNode().put("content", piece), null, includeUsage));
      }
    } else {
      for (int i = 0; i < tools.size(); i++) {
        if (i > 0) { // each further tool call starts with its id and name
          ObjectNode delta = JSON.createObjectNode();
          ObjectNode next =
              delta.putArray("tool_calls").addObject().put("index", i).put("id", toolCallId(i));
          next.put("type", "function");
          next.putObject("function").put("name", tools.get(i)).put("arguments", "");
          events.add(chunk(responseModel, delta, null, includeUsage));
        }
        for (String piece : Canned.TOOL_ARGUMENT_PIECES) {
          ObjectNode delta = JSON.createObjectNode();
          delta
              .putArray("tool_calls")
              .addObject()
              .put("index", i)
              .putObject("function")
              .put("arguments", piece);
          events.add(chunk(responseModel, delta, null, includeUsage));
        }
      }
    }
    events.add(
        chunk(
            responseModel,
            JSON.createObjectNode(),
            tool == null ? "stop" : "tool_calls",
            includeUsage));
    if (includeUsage) {
      ObjectNode last = chatBase("chat.completion.chunk", responseModel);
      last.putArray("choices");
      last.set("usage", chatUsage());
      events.add(new Event(null, last));
    }
    return s == Scenario.CUT_STREAM ? Reply.cutSse(events) : Reply.sse(events, "[DONE]");
  }

  /**
   * The tools a chat request offers, each answered with a tool call; none once the last message is
   * a tool's result (the round trip's second request, answered with text).
   */
  private static List<String> chatToolNames(JsonNode request) {
    List<String> names = new ArrayList<>();
    if (answersToolResult(request)) {
      return names;
    }
    for (JsonNode tool : request.path("tools")) {
      names.add(tool.path("function").path("name").asText());
    }
    return names;
  }

  /** {@link Canned#TOOL_CALL_ID} for the first tool call, then {@code call_test2}, ... */
  private static String toolCallId(int i) {
    return i == 0 ? Canned.TOOL_CALL_ID : "call_test" + (i + 1);
  }

  private static ObjectNode chatBase(String object, String model) {
    return JSON.createObjectNode()
        .put("id", "chatcmpl-test1")
        .put("object", object)
        .put("created", CREATED)
        .put("model", model)
        .put("system_fingerprint", "fp_test");
  }

  private static Event chunk(String model, ObjectNode delta, String finish, boolean usageKey) {
    ObjectNode c = chatBase("chat.completion.chunk", model);
    ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    if (usageKey) {
      c.putNull("usage");
    }
    return new Event(null, c);
  }

  private static ObjectNode chatUsage() {
    ObjectNode u =
        JSON.createObjectNode()
            .put("prompt_tokens", Canned.PROMPT_TOKENS)
            .put("completion_tokens", Canned.COMPLETION_TOKENS)
            .put("total_tokens", Canned.TOTAL_TOKENS);
    u.putObject("prompt_tokens_details")
        .put("cached_tokens", Canned.CACHED_TOKENS)
        .put("audio_tokens", 0);
    u.putObject("completion_tokens_details")
        .put("reasoning_tokens", Canned.REASONING_TOKENS)
        .put("audio_tokens", 0)
        .put("accepted_prediction_tokens", 0)
        .put("rejected_prediction_tokens", 0);
    return u;
  }

  // ---- Responses

  static Reply responses(JsonNode request) {
    String model = request.path("model").asText();
    Scenario s = Scenario.of(model);
    if (s.isError()) {
      return error(s);
    }
    String tool = toolName(request);
    String responseModel = Canned.responseModel(model);
    ObjectNode item =
        tool == null
            ? messageItem("completed", Canned.TEXT)
            : functionCallItem(tool, "completed", Canned.TOOL_ARGUMENTS);
    ObjectNode done = response(responseModel, "completed", item, true);
    if (!request.path("stream").asBoolean(false)) {
      return Reply.json(200, done);
    }
    List<ObjectNode> events = new ArrayList<>();
    int[] seq = {0};
    ObjectNode created = response(responseModel, "in_progress", null, false);
    events.add(event(seq, "response.created").set("response", created));
    events.add(event(seq, "response.in_progress").set("response", created));
    ObjectNode added = event(seq, "response.output_item.added").put("output_index", 0);
    added.set(
        "item",
        tool == null
            ? messageItem("in_progress", null)
            : functionCallItem(tool, "in_progress", ""));
    events.add(added);
    if (tool == null) {
      ObjectNode partAdded = itemEvent(seq, "response.content_part.added", "msg_test1");
      partAdded.set("part", textPart(""));
      events.add(partAdded);
      for (String piece : Canned.TEXT_PIECES) {
        ObjectNode delta =
            itemEvent(seq, "response.output_text.delta", "msg_test1").put("delta", piece);
        delta.putArray("logprobs");
        events.add(delta);
      }
      ObjectNode textDone =
          itemEvent(seq, "response.output_text.done", "msg_test1").put("text", Canned.TEXT);
      textDone.putArray("logprobs");
      events.add(textDone);
      ObjectNode partDone = itemEvent(seq, "response.content_part.done", "msg_test1");
      partDone.set("part", textPart(Canned.TEXT));
      events.add(partDone);
    } else {
      for (String piece : Canned.TOOL_ARGUMENT_PIECES) {
        ObjectNode delta = event(seq, "response.function_call_arguments.delta");
        events.add(delta.put("item_id", "fc_test1").put("output_index", 0).put("delta", piece));
      }
      ObjectNode argsDone = event(seq, "response.function_call_arguments.done");
      events.add(
          argsDone
              .put("item_id", "fc_test1")
              .put("output_index", 0)
              .put("name", tool)
              .put("arguments", Canned.TOOL_ARGUMENTS));
    }
    ObjectNode itemDone = event(seq, "response.output_item.done").put("output_index", 0);
    itemDone.set("item", item);
    events.add(itemDone);
    events.add(event(seq, "response.completed").set("response", done));
    List<Event> sse = new ArrayList<>();
    for (ObjectNode e : events) {
      sse.add(new Event(e.path("type").asText(), e));
    }
    return s == Scenario.CUT_STREAM ? Reply.cutSse(sse) : Reply.sse(sse, null);
  }

  /** A Responses stream event: its type and sequence number (the caller sets the rest). */
  private static ObjectNode event(int[] seq, String type) {
    return JSON.createObjectNode().put("type", type).put("sequence_number", seq[0]++);
  }

  private static ObjectNode itemEvent(int[] seq, String type, String itemId) {
    return event(seq, type).put("item_id", itemId).put("output_index", 0).put("content_index", 0);
  }

  private static ObjectNode textPart(String text) {
    ObjectNode p = JSON.createObjectNode().put("type", "output_text").put("text", text);
    p.putArray("annotations");
    return p;
  }

  private static ObjectNode messageItem(String status, String text) {
    ObjectNode m =
        JSON.createObjectNode()
            .put("type", "message")
            .put("id", "msg_test1")
            .put("status", status)
            .put("role", "assistant");
    ArrayNode content = m.putArray("content");
    if (text != null) {
      content.add(textPart(text));
    }
    return m;
  }

  private static ObjectNode functionCallItem(String name, String status, String arguments) {
    return JSON.createObjectNode()
        .put("type", "function_call")
        .put("id", "fc_test1")
        .put("call_id", Canned.TOOL_CALL_ID)
        .put("name", name)
        .put("arguments", arguments)
        .put("status", status);
  }

  private static ObjectNode response(String model, String status, ObjectNode item, boolean usage) {
    ObjectNode r =
        JSON.createObjectNode()
            .put("id", "resp_test1")
            .put("object", "response")
            .put("created_at", CREATED)
            .put("status", status);
    r.putNull("error");
    r.putNull("incomplete_details");
    r.putNull("instructions");
    r.putNull("max_output_tokens");
    r.put("model", model);
    ArrayNode output = r.putArray("output");
    if (item != null) {
      output.add(item);
    }
    r.put("parallel_tool_calls", true);
    r.putNull("previous_response_id");
    r.put("temperature", 1.0);
    r.putObject("text").putObject("format").put("type", "text");
    r.put("tool_choice", "auto");
    r.putArray("tools");
    r.put("top_p", 1.0);
    r.put("truncation", "disabled");
    if (usage) {
      ObjectNode u = r.putObject("usage").put("input_tokens", Canned.PROMPT_TOKENS);
      u.putObject("input_tokens_details").put("cached_tokens", Canned.CACHED_TOKENS);
      u.put("output_tokens", Canned.COMPLETION_TOKENS);
      u.putObject("output_tokens_details").put("reasoning_tokens", Canned.REASONING_TOKENS);
      u.put("total_tokens", Canned.TOTAL_TOKENS);
    } else {
      r.putNull("usage");
    }
    r.putObject("metadata");
    return r;
  }

  // ---- embeddings

  static Reply embeddings(JsonNode request) {
    String model = request.path("model").asText();
    Scenario s = Scenario.of(model);
    if (s.isError()) {
      return error(s);
    }
    JsonNode input = request.path("input");
    int count = input.isArray() ? input.size() : 1;
    boolean base64 = "base64".equals(request.path("encoding_format").asText());
    ObjectNode body = JSON.createObjectNode().put("object", "list");
    ArrayNode data = body.putArray("data");
    for (int i = 0; i < count; i++) {
      ObjectNode e = data.addObject().put("object", "embedding").put("index", i);
      if (base64) {
        ByteBuffer b =
            ByteBuffer.allocate(4 * Canned.EMBEDDING.size()).order(ByteOrder.LITTLE_ENDIAN);
        Canned.EMBEDDING.forEach(b::putFloat);
        e.put("embedding", Base64.getEncoder().encodeToString(b.array()));
      } else {
        ArrayNode v = e.putArray("embedding");
        Canned.EMBEDDING.forEach(v::add);
      }
    }
    body.put("model", Canned.responseModel(model));
    body.putObject("usage")
        .put("prompt_tokens", Canned.PROMPT_TOKENS)
        .put("total_tokens", Canned.PROMPT_TOKENS);
    return Reply.json(200, body);
  }
}
