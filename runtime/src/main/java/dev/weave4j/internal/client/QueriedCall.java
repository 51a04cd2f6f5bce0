package dev.weave4j.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.Call;
import dev.weave4j.CallFeedback;
import dev.weave4j.internal.WeaveRuntime;
import dev.weave4j.internal.store.OpRefs;
import dev.weave4j.internal.trace.OpNames;
import dev.weave4j.internal.util.JsonMapper;
import dev.weave4j.internal.util.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Internal, unstable. A call read back from a store or server (a {@code CallSchema}): values are
 * plain Java (maps, lists, strings, numbers), the exception a {@link RecordedException}. Renaming,
 * deleting and feedback go to the backend it came from.
 */
final class QueriedCall implements Call {

  private static final ObjectMapper MAPPER = JsonMapper.get();

  private final ObjectNode json;
  private final CallsApi api;
  private volatile String displayName;

  QueriedCall(ObjectNode json, CallsApi api) {
    this.json = json;
    this.api = api;
    this.displayName = text("display_name");
  }

  private String text(String field) {
    JsonNode v = json.get(field);
    return v == null || !v.isTextual() ? null : v.textValue();
  }

  @Override
  public String id() {
    return text("id");
  }

  @Override
  public String traceId() {
    return text("trace_id");
  }

  @Override
  public String parentId() {
    return text("parent_id");
  }

  /** The op's short name, from the local store and the server alike (which record a ref). */
  @Override
  public String opName() {
    return OpRefs.name(text("op_name"));
  }

  @Override
  public Optional<String> opRef() {
    String recorded = text("op_name");
    return recorded != null && recorded.startsWith("weave:///")
        ? Optional.of(recorded)
        : Optional.empty();
  }

  @Override
  public String funcName() {
    return opName();
  }

  @Override
  public Map<String, Object> inputs() {
    return JsonValues.toMap(json.get("inputs"));
  }

  @Override
  public Map<String, Object> attributes() {
    return JsonValues.toMap(json.get("attributes"));
  }

  @Override
  public Optional<String> displayName() {
    return Optional.ofNullable(displayName);
  }

  @Override
  public Instant startedAt() {
    return instant(text("started_at"));
  }

  @Override
  public Optional<Instant> endedAt() {
    return Optional.ofNullable(instant(text("ended_at")));
  }

  @Override
  public Object output() {
    return JsonValues.toJava(json.get("output"));
  }

  @Override
  public Optional<Throwable> exception() {
    String e = text("exception");
    if (e == null) {
      return Optional.empty();
    }
    try {
      JsonNode n = MAPPER.readTree(e);
      if (n.isObject()) {
        return Optional.of(
            new RecordedException(n.path("type").asText(null), n.path("message").asText(null)));
      }
    } catch (java.io.IOException | RuntimeException notJson) {
      // plain text exception (older clients)
    }
    return Optional.of(new RecordedException(null, e));
  }

  /** The summary as the server returned it (with {@code weave.status}, latency); read-only. */
  @Override
  public Map<String, Object> summary() {
    return JsonValues.toMap(json.get("summary"));
  }

  @Override
  public Optional<String> threadId() {
    return Optional.ofNullable(text("thread_id"));
  }

  @Override
  public Optional<String> turnId() {
    return Optional.ofNullable(text("turn_id"));
  }

  @Override
  public void setDisplayName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(
          "display name must not be empty; use removeDisplayName() to remove it");
    }
    String elided = OpNames.elideDisplayName(name);
    api.updateDisplayName(id(), elided);
    displayName = elided;
  }

  @Override
  public void removeDisplayName() {
    api.updateDisplayName(id(), "");
    displayName = null;
  }

  @Override
  public List<Call> children() {
    return api.children(id());
  }

  @Override
  public void delete() {
    api.deleteCalls(List.of(id()));
  }

  @Override
  public CallFeedback feedback() {
    return api.feedback(id());
  }

  @Override
  public Optional<String> uiUrl() {
    WeaveRuntime r = WeaveRuntime.active();
    return r == null ? Optional.empty() : r.uiUrl(id());
  }

  private static Instant instant(String iso) {
    long micros = Timestamps.parseMicros(iso);
    return micros < 0
        ? null
        : Instant.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  @Override
  public String toString() {
    return "Call[" + opName() + " " + id() + "]";
  }
}
