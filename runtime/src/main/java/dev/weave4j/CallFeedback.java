package dev.weave4j;

import java.util.List;
import java.util.Map;

/**
 * The feedback of one call ({@link Call#feedback()}): reactions, notes and custom feedback, stored
 * with Weave's {@code /feedback/create}. Each {@code add} returns the new feedback's id.
 */
public interface CallFeedback {

  /** Adds an emoji reaction ({@code wandb.reaction.1}, payload {@code {"emoji": emoji}}). */
  String addReaction(String emoji);

  /** Adds a note ({@code wandb.note.1}, payload {@code {"note": note}}). */
  String addNote(String note);

  /**
   * Adds custom feedback.
   *
   * @param type the feedback type; must not start with {@code wandb.} (reserved for Weave's types)
   * @param payload a JSON-serializable map (at most 1 MiB as JSON)
   * @throws IllegalArgumentException for a reserved or empty type
   */
  String add(String type, Map<String, ?> payload);

  /** Every feedback item of the call, oldest first. */
  List<Feedback> list();
}
