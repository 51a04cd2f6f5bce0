package dev.weave4j.internal.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.Message;
import dev.weave4j.ToolCallPart;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Span attributes as call attributes, and messages as GenAI "parts" JSON. */
class SpanCallsTest {

  @Test
  void dottedKeysNestAndAKeyThatIsBothAValueAndAPrefixKeepsItsFullName() {
    Map<String, Object> flat = new LinkedHashMap<>();
    flat.put("gen_ai.agent.name", "bot");
    flat.put("gen_ai.agent.id", "a1");
    flat.put("tier", "gold");
    flat.put("x", 1L);
    flat.put("x.y", 2L);
    Map<String, Object> nested = SpanCalls.nest(flat);
    assertThat(nested)
        .containsEntry("gen_ai", Map.of("agent", Map.of("name", "bot", "id", "a1")))
        .containsEntry("tier", "gold")
        .containsEntry("x", 1L)
        .containsEntry("x.y", 2L);
  }

  @Test
  void messagesAreWrittenInThePartsModelWithReasoningBeforeTheLastAssistantMessage() {
    String json =
        GenAiJson.messages(
            List.of(
                Message.user("q"),
                Message.assistant("a", List.of(new ToolCallPart("c1", "f", "{\"x\":1}")))
                    .withFinishReason("tool_calls"),
                Message.toolResult("c1", "not json")),
            "thinking");
    assertThat(json)
        .isEqualTo(
            "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"q\"}]},"
                + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"reasoning\",\"content\":\"thinking\"},"
                + "{\"type\":\"text\",\"content\":\"a\"},"
                + "{\"type\":\"tool_call\",\"id\":\"c1\",\"name\":\"f\",\"arguments\":{\"x\":1}}],"
                + "\"finish_reason\":\"tool_calls\"},"
                + "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"c1\","
                + "\"response\":\"not json\"}]}]");
    assertThat(GenAiJson.textParts(List.of("Be brief.")))
        .isEqualTo("[{\"type\":\"text\",\"content\":\"Be brief.\"}]");
  }

  @Test
  void onlyAWholeJsonObjectOrArrayIsEmbeddedAsJson() {
    assertThat(GenAiJson.jsonOrString("{\"a\":1}")).isEqualTo("{\"a\":1}");
    assertThat(GenAiJson.jsonOrString("{\"a\":1} trailing"))
        .isEqualTo("\"{\\\"a\\\":1} trailing\"");
    assertThat(GenAiJson.jsonOrString("42")).isEqualTo("\"42\"");
    assertThat(GenAiJson.jsonOrString("{broken")).isEqualTo("\"{broken\"");
  }
}
