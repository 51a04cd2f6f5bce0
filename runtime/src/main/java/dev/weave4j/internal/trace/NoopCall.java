package dev.weave4j.internal.trace;

import dev.weave4j.Call;
import dev.weave4j.CallFeedback;
import dev.weave4j.Feedback;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Internal, unstable. The call handed out when tracing is off: records nothing, never fails. */
enum NoopCall implements Call {
  INSTANCE;

  /** Feedback that records nothing. */
  static final CallFeedback NO_FEEDBACK =
      new CallFeedback() {
        @Override
        public String addReaction(String emoji) {
          return "";
        }

        @Override
        public String addNote(String note) {
          return "";
        }

        @Override
        public String add(String type, Map<String, ?> payload) {
          return "";
        }

        @Override
        public List<Feedback> list() {
          return List.of();
        }
      };

  @Override
  public List<Call> children() {
    return List.of();
  }

  @Override
  public void delete() {}

  @Override
  public CallFeedback feedback() {
    return NO_FEEDBACK;
  }

  @Override
  public Optional<String> uiUrl() {
    return Optional.empty();
  }

  @Override
  public String id() {
    return "";
  }

  @Override
  public String traceId() {
    return "";
  }

  @Override
  public String parentId() {
    return null;
  }

  @Override
  public String opName() {
    return "";
  }

  @Override
  public String funcName() {
    return "";
  }

  @Override
  public Map<String, Object> inputs() {
    return Map.of();
  }

  @Override
  public Map<String, Object> attributes() {
    return Map.of();
  }

  @Override
  public Optional<String> displayName() {
    return Optional.empty();
  }

  @Override
  public Instant startedAt() {
    return Instant.EPOCH;
  }

  @Override
  public Optional<Instant> endedAt() {
    return Optional.empty();
  }

  @Override
  public Object output() {
    return null;
  }

  @Override
  public Optional<Throwable> exception() {
    return Optional.empty();
  }

  @Override
  public Map<String, Object> summary() {
    return new HashMap<>();
  }

  @Override
  public Optional<String> threadId() {
    return Optional.empty();
  }

  @Override
  public Optional<String> turnId() {
    return Optional.empty();
  }

  @Override
  public void setDisplayName(String displayName) {}

  @Override
  public void removeDisplayName() {}
}
