package dev.weave4j.internal.agents;

import dev.weave4j.Llm;
import dev.weave4j.Message;
import dev.weave4j.Usage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Internal, unstable. A {@code chat <model>} span: one call to a language model. */
final class LlmSpan extends SpanHandle implements Llm {

  private final String model;
  private List<String> systemInstructions;
  private List<Message> inputMessages;
  private List<Message> outputMessages;
  private StringBuilder reasoning;
  private Usage usage;

  LlmSpan(
      AgentTracer tracer,
      String model,
      String provider,
      SpanHandle parent,
      ConversationImpl conversation,
      long startMicros) {
    super(
        tracer,
        model == null || model.isEmpty() ? "chat" : "chat " + model,
        "chat",
        parent,
        conversation,
        parent == null ? null : parent.turnSpanId,
        startMicros);
    this.model = model;
    if (model != null) {
      attributes.put("gen_ai.request.model", model);
    }
    if (conversation != null) {
      attributes.put("gen_ai.conversation.id", conversation.id);
    }
    if (provider != null) {
      attributes.put("gen_ai.provider.name", provider);
    }
  }

  @Override
  public synchronized LlmSpan systemInstructions(String... instructions) {
    if (!isEnded() && instructions != null) {
      systemInstructions = List.copyOf(Arrays.asList(instructions));
    }
    return this;
  }

  @Override
  public synchronized LlmSpan inputMessages(List<Message> messages) {
    if (!isEnded() && messages != null) {
      inputMessages = List.copyOf(messages);
    }
    return this;
  }

  @Override
  public synchronized LlmSpan outputMessages(List<Message> messages) {
    if (!isEnded() && messages != null) {
      outputMessages = List.copyOf(messages);
    }
    return this;
  }

  @Override
  public LlmSpan output(String text) {
    return outputMessages(List.of(Message.assistant(text)));
  }

  @Override
  public synchronized LlmSpan think(String text) {
    if (!isEnded() && text != null) {
      if (reasoning == null) {
        reasoning = new StringBuilder(text);
      } else {
        reasoning.append(text);
      }
    }
    return this;
  }

  @Override
  public synchronized LlmSpan usage(Usage usage) {
    if (!isEnded() && usage != null) {
      this.usage = usage;
    }
    return this;
  }

  @Override
  public LlmSpan finishReasons(List<String> reasons) {
    set("gen_ai.response.finish_reasons", reasons);
    return this;
  }

  @Override
  public LlmSpan responseId(String id) {
    set("gen_ai.response.id", id);
    return this;
  }

  @Override
  public LlmSpan responseModel(String responseModel) {
    set("gen_ai.response.model", responseModel);
    return this;
  }

  @Override
  public LlmSpan outputType(String type) {
    set("gen_ai.output.type", type);
    return this;
  }

  @Override
  public LlmSpan temperature(double temperature) {
    set("gen_ai.request.temperature", temperature);
    return this;
  }

  @Override
  public LlmSpan maxTokens(long maxTokens) {
    set("gen_ai.request.max_tokens", maxTokens);
    return this;
  }

  @Override
  public LlmSpan topP(double topP) {
    set("gen_ai.request.top_p", topP);
    return this;
  }

  @Override
  public LlmSpan seed(long seed) {
    set("gen_ai.request.seed", seed);
    return this;
  }

  @Override
  public LlmSpan frequencyPenalty(double penalty) {
    set("gen_ai.request.frequency_penalty", penalty);
    return this;
  }

  @Override
  public LlmSpan presencePenalty(double penalty) {
    set("gen_ai.request.presence_penalty", penalty);
    return this;
  }

  @Override
  public LlmSpan stopSequences(List<String> sequences) {
    set("gen_ai.request.stop_sequences", sequences);
    return this;
  }

  @Override
  public LlmSpan choiceCount(long count) {
    set("gen_ai.request.choice.count", count);
    return this;
  }

  @Override
  public LlmSpan attribute(String key, Object value) {
    set(key, value);
    return this;
  }

  /**
   * For LLM-SDK integrations: fills what the application left unset (model, usage, messages), never
   * overriding what it set.
   */
  synchronized void fillUnset(
      String responseModel, Usage sdkUsage, List<Message> input, List<Message> output) {
    if (isEnded()) {
      return;
    }
    if (responseModel != null) {
      attributes.putIfAbsent("gen_ai.response.model", responseModel);
    }
    if (usage == null && sdkUsage != null) {
      usage = sdkUsage;
    }
    if (inputMessages == null && input != null) {
      inputMessages = List.copyOf(input);
    }
    if (outputMessages == null && output != null) {
      outputMessages = List.copyOf(output);
    }
  }

  @Override
  void onEnd() {
    Usage u;
    synchronized (this) {
      u = usage;
      if (u != null) {
        usageAttributes(u);
      }
    }
    if (u != null) {
      Object responseModel = attributes.get("gen_ai.response.model");
      String key =
          responseModel instanceof String s ? s : model == null ? "unknown" : model; // as Weave
      addUsage(key, u.inputTokens(), u.outputTokens());
    }
  }

  private void usageAttributes(Usage u) {
    attributes.put("gen_ai.usage.input_tokens", u.inputTokens());
    attributes.put("gen_ai.usage.output_tokens", u.outputTokens());
    if (u.reasoningTokens() != 0) {
      attributes.put("gen_ai.usage.reasoning_tokens", u.reasoningTokens());
    }
    if (u.cacheCreationInputTokens() != 0) {
      attributes.put("gen_ai.usage.cache_creation.input_tokens", u.cacheCreationInputTokens());
    }
    if (u.cacheReadInputTokens() != 0) {
      attributes.put("gen_ai.usage.cache_read.input_tokens", u.cacheReadInputTokens());
    }
  }

  @Override
  synchronized int contentChars() {
    int n = chars(inputMessages) + chars(outputMessages);
    n += reasoning == null ? 0 : reasoning.length();
    if (systemInstructions != null) {
      for (String i : systemInstructions) {
        n += 32 + i.length();
      }
    }
    return n;
  }

  @Override
  void contentAttributes(Map<String, Object> into) {
    if (systemInstructions != null && !systemInstructions.isEmpty()) {
      into.put("gen_ai.system_instructions", GenAiJson.textParts(systemInstructions));
    }
    if (inputMessages != null && !inputMessages.isEmpty()) {
      into.put("gen_ai.input.messages", GenAiJson.messages(inputMessages, null));
    }
    String thought = reasoning == null ? null : reasoning.toString();
    List<Message> out = outputMessages;
    if (thought != null && (out == null || out.stream().noneMatch(m -> isAssistant(m)))) {
      out = out == null ? List.of(Message.assistant(null)) : appendAssistant(out);
    }
    if (out != null && !out.isEmpty()) {
      into.put("gen_ai.output.messages", GenAiJson.messages(out, thought));
    }
  }

  private static boolean isAssistant(Message m) {
    return m.role().equals("assistant");
  }

  private static List<Message> appendAssistant(List<Message> out) {
    Message[] all = out.toArray(new Message[out.size() + 1]);
    all[out.size()] = Message.assistant(null);
    return List.of(all);
  }

  @Override
  String inputJson(Map<String, Object> attributes) {
    return GenAiJson.object(
        "messages",
        (String) attributes.get("gen_ai.input.messages"),
        "system_instructions",
        (String) attributes.get("gen_ai.system_instructions"));
  }

  @Override
  String outputJson(Map<String, Object> attributes) {
    Object out = attributes.get("gen_ai.output.messages");
    return out == null ? null : GenAiJson.object("messages", (String) out);
  }
}
