package dev.weave4j;

/**
 * A conversation of an agent: turns started from it (or while it is current) carry its id, name,
 * agent name, model and attributes. It is not a span itself. Current on the thread that started it
 * (and on the threads its context is handed to) until {@link #end()}.
 */
public interface Conversation extends AutoCloseable {

  /** The conversation id ({@code gen_ai.conversation.id}). */
  String id();

  /** The agent name, or null. */
  String agentName();

  /**
   * Starts a turn of this conversation with the user's message (ending a turn of it still open).
   */
  Turn startTurn(String userMessage);

  /** Ends the conversation's open turn, if any, and leaves the conversation. */
  void end();

  /** Fails the open turn, if any, with {@code error}, and ends the conversation. */
  void fail(Throwable error);

  /** Same as {@link #end()}. */
  @Override
  void close();
}
