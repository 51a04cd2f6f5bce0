package dev.weave4j.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.Weave;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a call records of its arguments and its result: the values as they were when it started and
 * ended, whether they are serialized at once (values that may change) or later on the exporter
 * thread (strings and boxed primitives, which cannot).
 */
class TracerValuesTest {

  private final TracerFixture f = new TracerFixture();

  @Test
  void argumentsChangedDuringTheCallAreRecordedAsTheyWereWhenItStarted() {
    OpDescriptor op = TracerFixture.op("T.chat", "messages", "model").build();
    List<String> messages = new ArrayList<>(List.of("hello"));
    Map<String, Object> options = new LinkedHashMap<>(Map.of("temperature", 0.5));

    f.call(
        op,
        new Object[] {messages, options},
        "ok",
        () -> {
          messages.add("added during the call");
          options.put("temperature", 1.0);
        });

    assertThat(f.start("T.chat").inputs())
        .isEqualTo(TracerFixture.json("{'messages':['hello'],'model':{'temperature':0.5}}"));
  }

  @Test
  void aResultChangedAfterTheCallEndedIsRecordedAsItWasReturned() {
    OpDescriptor op = TracerFixture.op("T.list").build();
    List<String> result = new ArrayList<>(List.of("a"));

    f.call(op, new Object[0], result);
    result.add("added after the call");

    assertThat(f.end(f.start("T.list").id()).output()).isEqualTo(TracerFixture.json("['a']"));
  }

  @Test
  void stringsNumbersAndNullsAreRecordedExactlyWithSecretsRedacted() {
    OpDescriptor op =
        TracerFixture.op("T.ask", "prompt", "apiKey", "n", "ratio", "flag", "letter", "none")
            .build();
    String prompt = "say \"hi\"\n\u00e9\u4e2d\ud83d\ude00 and a lone \ud800";

    f.call(op, new Object[] {prompt, "sk-secret", 3L, 0.25, true, 'x', null}, 42);

    assertThat(f.start("T.ask").inputs())
        .isEqualTo(
            TracerFixture.MAPPER
                .createObjectNode()
                .put("prompt", "say \"hi\"\n\u00e9\u4e2d\ud83d\ude00 and a lone \ufffd")
                .put("apiKey", "REDACTED")
                .put("n", 3)
                .put("ratio", 0.25)
                .put("flag", true)
                .put("letter", "x")
                .putNull("none"));
    assertThat(f.end(f.start("T.ask").id()).output()).isEqualTo(TracerFixture.json("42"));
  }

  @Test
  void theCallSeesItsInputsByParameterName() {
    OpDescriptor op = TracerFixture.op("T.greet", "name", "times").build();
    List<Map<String, Object>> seen = new ArrayList<>();

    f.call(
        op,
        new Object[] {"Ada", 2},
        null,
        () -> seen.add(Weave.currentCall().orElseThrow().inputs()));

    assertThat(seen).containsExactly(Map.of("name", "Ada", "times", 2));
  }
}
