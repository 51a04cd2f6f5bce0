package dev.weave4j;

import java.util.List;

/**
 * One call to a language model: a {@code chat <model>} span under the current turn or sub-agent,
 * with the request, the response, token usage and reasoning as {@code gen_ai.*} attributes.
 */
public interface Llm extends AgentSpan {

  /** {@code gen_ai.system_instructions} (text parts). */
  Llm systemInstructions(String... instructions);

  /** {@code gen_ai.input.messages}. */
  Llm inputMessages(List<Message> messages);

  /** {@code gen_ai.output.messages}. */
  Llm outputMessages(List<Message> messages);

  /** Records one assistant output message with {@code text}. */
  Llm output(String text);

  /** Records reasoning, written as a {@code reasoning} part before the last assistant output. */
  Llm think(String reasoning);

  /** {@code gen_ai.usage.*}. */
  Llm usage(Usage usage);

  /** {@code gen_ai.response.finish_reasons}. */
  Llm finishReasons(List<String> reasons);

  /** {@code gen_ai.response.id}. */
  Llm responseId(String id);

  /** {@code gen_ai.response.model}. */
  Llm responseModel(String model);

  /** {@code gen_ai.output.type}, e.g. {@code text} or {@code json}. */
  Llm outputType(String type);

  /** {@code gen_ai.request.temperature}. */
  Llm temperature(double temperature);

  /** {@code gen_ai.request.max_tokens}. */
  Llm maxTokens(long maxTokens);

  /** {@code gen_ai.request.top_p}. */
  Llm topP(double topP);

  /** {@code gen_ai.request.seed}. */
  Llm seed(long seed);

  /** {@code gen_ai.request.frequency_penalty}. */
  Llm frequencyPenalty(double penalty);

  /** {@code gen_ai.request.presence_penalty}. */
  Llm presencePenalty(double penalty);

  /** {@code gen_ai.request.stop_sequences}. */
  Llm stopSequences(List<String> sequences);

  /** {@code gen_ai.request.choice.count}. */
  Llm choiceCount(long count);

  /** Sets an attribute on the span (string, number, boolean or list of strings). */
  Llm attribute(String key, Object value);
}
