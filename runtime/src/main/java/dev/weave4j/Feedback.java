package dev.weave4j;

import java.time.Instant;
import java.util.Map;

/**
 * One feedback item on a call, as the server stores it.
 *
 * @param id the feedback id
 * @param type e.g. {@code wandb.reaction.1}, {@code wandb.note.1}, or a custom type
 * @param payload e.g. {@code {"emoji": "👍"}} or {@code {"note": "..."}}
 * @param createdAt when the server stored it (null if unknown)
 */
public record Feedback(String id, String type, Map<String, Object> payload, Instant createdAt) {
  public Feedback {
    payload = payload == null ? Map.of() : Map.copyOf(payload);
  }
}
