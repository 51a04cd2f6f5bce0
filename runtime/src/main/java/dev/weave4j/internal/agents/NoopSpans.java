package dev.weave4j.internal.agents;

import dev.weave4j.Conversation;
import dev.weave4j.Llm;
import dev.weave4j.Message;
import dev.weave4j.SubAgent;
import dev.weave4j.Tool;
import dev.weave4j.Turn;
import dev.weave4j.Usage;
import java.util.List;

/**
 * Internal, unstable. What the agent-tracing API returns when nothing is recorded (tracing disabled
 * or not initialised, a disabled scope, a full queue): constants that do nothing.
 */
final class NoopSpans {

  private NoopSpans() {}

  enum NoopConversation implements Conversation {
    INSTANCE;

    @Override
    public String id() {
      return "";
    }

    @Override
    public String agentName() {
      return null;
    }

    @Override
    public Turn startTurn(String userMessage) {
      return NoopTurn.INSTANCE;
    }

    @Override
    public void end() {}

    @Override
    public void fail(Throwable error) {}

    @Override
    public void close() {}
  }

  /** A no-op turn or sub-agent. */
  enum NoopTurn implements Turn, SubAgent {
    INSTANCE;

    @Override
    public NoopTurn output(String text) {
      return this;
    }

    @Override
    public NoopTurn outputMessages(List<Message> messages) {
      return this;
    }

    @Override
    public NoopTurn inputMessages(List<Message> messages) {
      return this;
    }

    @Override
    public NoopTurn attribute(String key, Object value) {
      return this;
    }

    @Override
    public void end() {}

    @Override
    public void fail(Throwable error) {}

    @Override
    public String traceId() {
      return "";
    }

    @Override
    public String spanId() {
      return "";
    }

    @Override
    public void close() {}
  }

  enum NoopLlm implements Llm {
    INSTANCE;

    @Override
    public Llm systemInstructions(String... instructions) {
      return this;
    }

    @Override
    public Llm inputMessages(List<Message> messages) {
      return this;
    }

    @Override
    public Llm outputMessages(List<Message> messages) {
      return this;
    }

    @Override
    public Llm output(String text) {
      return this;
    }

    @Override
    public Llm think(String reasoning) {
      return this;
    }

    @Override
    public Llm usage(Usage usage) {
      return this;
    }

    @Override
    public Llm finishReasons(List<String> reasons) {
      return this;
    }

    @Override
    public Llm responseId(String id) {
      return this;
    }

    @Override
    public Llm responseModel(String model) {
      return this;
    }

    @Override
    public Llm outputType(String type) {
      return this;
    }

    @Override
    public Llm temperature(double temperature) {
      return this;
    }

    @Override
    public Llm maxTokens(long maxTokens) {
      return this;
    }

    @Override
    public Llm topP(double topP) {
      return this;
    }

    @Override
    public Llm seed(long seed) {
      return this;
    }

    @Override
    public Llm frequencyPenalty(double penalty) {
      return this;
    }

    @Override
    public Llm presencePenalty(double penalty) {
      return this;
    }

    @Override
    public Llm stopSequences(List<String> sequences) {
      return this;
    }

    @Override
    public Llm choiceCount(long count) {
      return this;
    }

    @Override
    public Llm attribute(String key, Object value) {
      return this;
    }

    @Override
    public void end() {}

    @Override
    public void fail(Throwable error) {}

    @Override
    public String traceId() {
      return "";
    }

    @Override
    public String spanId() {
      return "";
    }

    @Override
    public void close() {}
  }

  enum NoopTool implements Tool {
    INSTANCE;

    @Override
    public Tool result(String result) {
      return this;
    }

    @Override
    public Tool toolType(String type) {
      return this;
    }

    @Override
    public Tool description(String description) {
      return this;
    }

    @Override
    public Tool attribute(String key, Object value) {
      return this;
    }

    @Override
    public void end() {}

    @Override
    public void fail(Throwable error) {}

    @Override
    public String traceId() {
      return "";
    }

    @Override
    public String spanId() {
      return "";
    }

    @Override
    public void close() {}
  }
}
