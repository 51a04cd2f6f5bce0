package dev.weave4j.internal.serialize;

import static dev.weave4j.internal.serialize.SerializerTestSupport.SERIALIZER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Inputs written straight from the argument array are the JSON of the map of them. */
class InputFieldsTest {

  private static final List<String> NAMES = List.of("query", "password", "options", "count");

  private final InputFields fields =
      new InputFields(NAMES, new int[] {0, 1, 2, 3}, SERIALIZER.redactor());

  private static List<Object[]> argumentLists() {
    List<Object> cyclic = new ArrayList<>();
    cyclic.add(cyclic);
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("api_key", "sk-1");
    nested.put("depth", Map.of("n", 1));
    return List.of(
        new Object[] {"what is weave?", "hunter2", Map.of("t", 0.5), 1},
        new Object[] {null, null, null, null},
        new Object[] {"lone \ud800 surrogate", 7, cyclic, Optional.of("x")},
        new Object[] {"x".repeat(150_000), "p", nested, Long.MAX_VALUE},
        new Object[] {"only two"}); // a shorter array: the rest are null
  }

  @Test
  void inputsAreTheJsonOfTheMapOfArgumentsByName() {
    List<Object[]> lists = argumentLists();
    for (int i = 0; i < lists.size(); i++) {
      Object[] args = lists.get(i);
      assertThat(string(SERIALIZER.inputsJson(fields, args)))
          .as("argument list %d", i)
          .isEqualTo(string(SERIALIZER.toJson(map(args))));
    }
  }

  @Test
  void inputsWrittenIntoAGeneratorAreTheSameAsSerializedAtOnce() throws IOException {
    for (Object[] args : argumentLists()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
        SERIALIZER.writeInputs(g, fields, args);
      }
      assertThat(out.toString(StandardCharsets.UTF_8))
          .isEqualTo(string(SERIALIZER.inputsJson(fields, args)));
    }
  }

  @Test
  void ignoredParametersAreNeitherRecordedNorLookedAt() {
    InputFields second = new InputFields(List.of("b"), new int[] {1}, SERIALIZER.redactor());
    Object[] args = {new ArrayList<>(), "kept"};

    assertThat(string(SERIALIZER.inputsJson(second, args))).isEqualTo("{\"b\":\"kept\"}");
    assertThat(second.allFrozen(args)).isTrue();
  }

  @Test
  void onlyStringsBoxedPrimitivesAndNullAreFrozen() {
    assertThat(fields.allFrozen(new Object[] {"q", null, 1.5, 'c'})).isTrue();
    assertThat(fields.allFrozen(new Object[] {"q", null, new StringBuilder("x"), 1})).isFalse();
    assertThat(fields.allFrozen(new Object[] {"q", null, List.of(), 1})).isFalse();
    assertThat(ValueSerializer.isFrozen("x".repeat(Text.MAX_STRING + 1))).isFalse();
  }

  private static Map<String, Object> map(Object[] args) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < NAMES.size(); i++) {
      m.put(NAMES.get(i), i < args.length ? args[i] : null);
    }
    return m;
  }

  private static String string(byte[] json) {
    return new String(json, StandardCharsets.UTF_8);
  }
}
