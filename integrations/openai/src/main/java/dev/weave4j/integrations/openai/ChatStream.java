package dev.weave4j.integrations.openai;

import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chat completion stream being folded by the SDK's {@link ChatCompletionAccumulator}, which only
 * rebuilds a completion once every choice has finished; for a stream stopped or broken before that,
 * the text of the first choice so far on the last chunk's fields (as Weave's Python integration
 * records a partial stream: the merged chunk, {@code finish_reason} null).
 */
final class ChatStream {

  private final ChatCompletionAccumulator sdk = ChatCompletionAccumulator.create();
  private final StringBuilder text = new StringBuilder();
  private ChatCompletionChunk last;

  void add(ChatCompletionChunk chunk) {
    sdk.accumulate(chunk);
    last = chunk;
    if (!chunk.choices().isEmpty()) {
      chunk.choices().get(0).delta().content().ifPresent(text::append);
    }
  }

  ChatCompletion completion() {
    return sdk.chatCompletion();
  }

  Map<String, Object> partial() {
    if (last == null) {
      return null;
    }
    Map<String, Object> json = OpenAiJson.of(last);
    json.put("object", "chat.completion");
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", text.toString());
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("message", message);
    choice.put("finish_reason", null);
    json.put("choices", List.of(choice));
    return json;
  }
}
