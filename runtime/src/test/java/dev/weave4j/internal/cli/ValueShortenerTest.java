package dev.weave4j.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ValueShortenerTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String s) throws Exception {
    return MAPPER.readTree(s);
  }

  @Test
  void inputsReadLikeNamedArguments() throws Exception {
    assertThat(ValueShortener.inputs(json("{\"query\":\"What is Weave?\",\"k\":3}"), 80))
        .isEqualTo("query=\"What is Weave?\", k=3");
    assertThat(ValueShortener.inputs(json("{}"), 80)).isEmpty();
  }

  @Test
  void arraysAreCutAtElementBoundaries() throws Exception {
    String out =
        ValueShortener.value(json("[\"doc a\",\"doc b\",\"" + "c".repeat(100) + "\"]"), 30);

    assertThat(out).isEqualTo("[\"doc a\", \"doc b\", …]");
  }

  @Test
  void longStringsAreCutInsideTheirQuotes() throws Exception {
    String out = ValueShortener.value(json("\"" + "a".repeat(200) + "\""), 20);

    assertThat(out).hasSize(20).startsWith("\"aaa").endsWith("…\"");
  }

  @Test
  void aLongFirstElementIsCutRatherThanHidden() throws Exception {
    String out = ValueShortener.value(json("[\"" + "a".repeat(200) + "\", 2]"), 20);

    assertThat(out).startsWith("[\"aaa").endsWith("…\", …]").hasSizeLessThanOrEqualTo(20);
  }

  @Test
  void newlinesAreEscapedSoTheFormStaysOnOneLine() throws Exception {
    assertThat(ValueShortener.value(json("\"a\\nb\""), 80)).isEqualTo("\"a\\nb\"");
  }

  @Test
  void serializedObjectsShowTheirClassName() throws Exception {
    String out =
        ValueShortener.value(
            json("{\"_type\":\"Doc\",\"title\":\"x\",\"_class_name\":\"Doc\",\"_bases\":[]}"), 80);

    assertThat(out).isEqualTo("Doc(title=\"x\")");
  }

  @Test
  void nestedObjectsAndNumbersStayWithinTheBound() throws Exception {
    JsonNode v = json("{\"a\":{\"b\":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]}}");

    for (int max = 3; max < 70; max++) {
      assertThat(ValueShortener.value(v, max)).hasSizeLessThanOrEqualTo(max);
    }
    assertThat(ValueShortener.value(v, 100))
        .isEqualTo(
            "{a: {b: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]}}");
  }
}
