package dev.weave4j;

import java.util.List;

/**
 * What {@link Weave#logTurn} and {@link Weave#logConversation} recorded: the conversation id, one
 * trace id and root span id per turn, and the number of spans (0 and empty lists when tracing is
 * disabled or not initialised).
 */
public record LogResult(
    String conversationId, List<String> traceIds, List<String> rootSpanIds, int spanCount) {

  /** Lists copied. */
  public LogResult {
    traceIds = List.copyOf(traceIds);
    rootSpanIds = List.copyOf(rootSpanIds);
  }
}
