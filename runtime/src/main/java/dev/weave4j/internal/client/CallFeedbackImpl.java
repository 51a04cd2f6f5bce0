package dev.weave4j.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.CallFeedback;
import dev.weave4j.Feedback;
import dev.weave4j.internal.util.JsonMapper;
import dev.weave4j.internal.util.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The feedback of one call, through a backend (weave-protocol.md §1.13). */
final class CallFeedbackImpl implements CallFeedback {

  static final String REACTION = "wandb.reaction.1";
  static final String NOTE = "wandb.note.1";
  private static final int MAX_PAYLOAD_BYTES = 1 << 20;
  private static final ObjectMapper MAPPER = JsonMapper.get();

  private final CallsBackend backend;
  private final String projectId;
  private final String callId;

  CallFeedbackImpl(CallsBackend backend, String projectId, String callId) {
    this.backend = backend;
    this.projectId = projectId;
    this.callId = callId;
  }

  private String ref() {
    return "weave:///" + projectId + "/call/" + callId;
  }

  @Override
  public String addReaction(String emoji) {
    if (emoji == null || emoji.isEmpty()) {
      throw new IllegalArgumentException("emoji must not be empty");
    }
    return create(REACTION, Map.of("emoji", emoji));
  }

  @Override
  public String addNote(String note) {
    if (note == null || note.isEmpty()) {
      throw new IllegalArgumentException("note must not be empty");
    }
    return create(NOTE, Map.of("note", note));
  }

  @Override
  public String add(String type, Map<String, ?> payload) {
    if (type == null || type.isBlank()) {
      throw new IllegalArgumentException("feedback type must not be empty");
    }
    if (type.startsWith("wandb.")) {
      throw new IllegalArgumentException(
          "feedback type '" + type + "': types starting with 'wandb.' are reserved");
    }
    return create(type, payload == null ? Map.of() : payload);
  }

  private String create(String type, Map<String, ?> payload) {
    JsonNode p = MAPPER.valueToTree(payload);
    if (p.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException("feedback payload is larger than 1 MiB as JSON");
    }
    ObjectNode req = MAPPER.createObjectNode();
    req.put("project_id", projectId);
    req.put("weave_ref", ref());
    req.put("feedback_type", type);
    req.set("payload", p);
    return backend.createFeedback(req).path("id").asText();
  }

  @Override
  public List<Feedback> list() {
    List<Feedback> out = new ArrayList<>();
    for (ObjectNode f : backend.queryFeedback(projectId, ref())) {
      long micros = Timestamps.parseMicros(f.path("created_at").asText(null));
      out.add(
          new Feedback(
              f.path("id").asText(),
              f.path("feedback_type").asText(),
              JsonValues.toMap(f.get("payload")),
              micros < 0
                  ? null
                  : Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000)));
    }
    return out;
  }
}
