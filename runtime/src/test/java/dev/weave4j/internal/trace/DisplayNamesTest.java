package dev.weave4j.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weave4j.annotations.CallInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DisplayNamesTest {

  private static CallInfo call(Map<String, Object> inputs) {
    return new CallInfo() {
      @Override
      public String id() {
        return "id";
      }

      @Override
      public String traceId() {
        return "trace";
      }

      @Override
      public String parentId() {
        return null;
      }

      @Override
      public String opName() {
        return "Rag.answer";
      }

      @Override
      public String funcName() {
        return "answer";
      }

      @Override
      public Map<String, Object> inputs() {
        return inputs;
      }

      @Override
      public Map<String, Object> attributes() {
        return Map.of();
      }
    };
  }

  @Test
  void placeholdersTakeTheInputsByName() {
    assertThat(DisplayNames.render("{op}: {inputs.question}", call(Map.of("question", "why?"))))
        .isEqualTo("Rag.answer: why?");
  }

  @Test
  void aPlaceholderMissingBecauseTheClassHasNoParameterNamesSaysHowToFixIt() {
    assertThatThrownBy(
            () -> {
              Map<String, Object> inputs = new LinkedHashMap<>();
              inputs.put("arg0", "why?");
              inputs.put("arg1", 3);
              DisplayNames.render("{inputs.question}", call(inputs));
            })
        .hasMessageStartingWith("no value for placeholder {inputs.question}: the inputs are named")
        .hasMessageContaining("arg0, arg1")
        .hasMessageContaining("-parameters or -g");
  }

  @Test
  void aPlaceholderMissingForAnotherReasonSaysOnlyThat() {
    assertThatThrownBy(() -> DisplayNames.render("{inputs.question}", call(Map.of("q", "why?"))))
        .hasMessage("no value for placeholder {inputs.question}");
  }
}
