package dev.weave4j.internal.agents;

import dev.weave4j.Conversation;
import dev.weave4j.ConversationOptions;
import dev.weave4j.Turn;
import dev.weave4j.internal.trace.CallContext;
import dev.weave4j.internal.trace.Contexts;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Internal, unstable. A conversation: no span, only what its turns carry, and its one open turn
 * (starting another ends it, as upstream).
 */
final class ConversationImpl implements Conversation {

  final AgentTracer tracer;
  final ConversationOptions options;
  final String id;
  private final AtomicReference<InvokeAgentSpan> openTurn = new AtomicReference<>();
  private final AtomicBoolean ended = new AtomicBoolean();
  volatile CallContext context;

  ConversationImpl(AgentTracer tracer, ConversationOptions options, String id) {
    this.tracer = tracer;
    this.options = options;
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String agentName() {
    return options.agentName();
  }

  @Override
  public Turn startTurn(String userMessage) {
    return AgentTracing.startTurn(this, userMessage);
  }

  /** Makes {@code turn} the open one, ending the one it replaces. */
  void turnStarted(InvokeAgentSpan turn) {
    InvokeAgentSpan previous = openTurn.getAndSet(turn);
    if (previous != null) {
      previous.end();
    }
  }

  void turnEnded(InvokeAgentSpan turn) {
    openTurn.compareAndSet(turn, null);
  }

  boolean isEnded() {
    return ended.get();
  }

  @Override
  public void end() {
    finish(null);
  }

  @Override
  public void fail(Throwable error) {
    finish(error);
  }

  @Override
  public void close() {
    end();
  }

  private void finish(Throwable error) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    InvokeAgentSpan turn = openTurn.getAndSet(null);
    if (turn != null) {
      if (error != null) {
        turn.fail(error);
      } else {
        turn.end();
      }
    }
    CallContext c = context;
    if (c != null) {
      Contexts.closeAgent(c);
    }
  }
}
