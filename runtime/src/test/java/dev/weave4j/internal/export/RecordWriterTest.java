package dev.weave4j.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weave4j.internal.util.CallId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordWriterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static String line(CallRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordWriter.writeLine(record, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static JsonNode parse(CallRecord record) throws IOException {
    String line = line(record);
    assertThat(line).endsWith("\n");
    assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n");
    return MAPPER.readTree(line);
  }

  @Test
  void startRecordIsWrittenInUpsertBatchEnvelope() throws IOException {
    StartRecord record =
        new StartRecord(
            "acme/chat",
            CallId.of("0190a0b0-0000-7000-8000-000000000002"),
            CallId.of("0190a0b0-0000-7000-8000-000000000001"),
            CallId.of("0190a0b0-0000-7000-8000-000000000003"),
            "Chat.ask",
            "Asking",
            1_738_326_896_123_456L,
            TestRecords.json("{\"weave\":{\"kind\":\"llm\"}}"),
            JsonPart.of(TestRecords.json("{\"question\":\"why?\",\"n\":[1,2]}")),
            "thread-1",
            "turn-1",
            false);

    JsonNode item = parse(record);

    assertThat(item.fieldNames()).toIterable().containsExactly("mode", "req");
    assertThat(item.get("mode").asText()).isEqualTo("start");
    assertThat(item.get("req").fieldNames()).toIterable().containsExactly("start");
    JsonNode start = item.at("/req/start");
    assertThat(start.get("project_id").asText()).isEqualTo("acme/chat");
    assertThat(start.get("id").asText()).isEqualTo("0190a0b0-0000-7000-8000-000000000002");
    assertThat(start.get("trace_id").asText()).isEqualTo("0190a0b0-0000-7000-8000-000000000001");
    assertThat(start.get("parent_id").asText()).isEqualTo("0190a0b0-0000-7000-8000-000000000003");
    assertThat(start.get("op_name").asText()).isEqualTo("Chat.ask");
    assertThat(start.get("display_name").asText()).isEqualTo("Asking");
    assertThat(start.get("started_at").asText()).isEqualTo("2025-01-31T12:34:56.123456Z");
    assertThat(start.get("attributes"))
        .isEqualTo(MAPPER.readTree("{\"weave\":{\"kind\":\"llm\"}}"));
    assertThat(start.get("inputs"))
        .isEqualTo(MAPPER.readTree("{\"question\":\"why?\",\"n\":[1,2]}"));
    assertThat(start.get("thread_id").asText()).isEqualTo("thread-1");
    assertThat(start.get("turn_id").asText()).isEqualTo("turn-1");
  }

  @Test
  void rootStartHasNullParentAndOmitsOptionalFields() throws IOException {
    JsonNode start = parse(TestRecords.start("root")).at("/req/start");

    assertThat(start.has("parent_id")).isTrue();
    assertThat(start.get("parent_id").isNull()).isTrue();
    assertThat(start.has("display_name")).isFalse();
    assertThat(start.has("thread_id")).isFalse();
    assertThat(start.has("turn_id")).isFalse();
    assertThat(start.fieldNames())
        .toIterable()
        .containsExactly(
            "project_id",
            "id",
            "trace_id",
            "parent_id",
            "op_name",
            "started_at",
            "attributes",
            "inputs");
  }

  @Test
  void endRecordIsWrittenInUpsertBatchEnvelope() throws IOException {
    EndRecord record =
        new EndRecord(
            "acme/chat",
            CallId.of("call-1"),
            1_738_326_896_000_001L,
            JsonPart.of(TestRecords.json("{\"answer\":42}")),
            null,
            TestRecords.json("{\"status_counts\":{\"success\":1,\"error\":0}}"));

    JsonNode item = parse(record);

    assertThat(item.get("mode").asText()).isEqualTo("end");
    assertThat(item.get("req").fieldNames()).toIterable().containsExactly("end");
    JsonNode end = item.at("/req/end");
    assertThat(end.fieldNames())
        .toIterable()
        .containsExactly("project_id", "id", "ended_at", "output", "summary");
    assertThat(end.get("ended_at").asText()).isEqualTo("2025-01-31T12:34:56.000001Z");
    assertThat(end.get("output")).isEqualTo(MAPPER.readTree("{\"answer\":42}"));
    assertThat(end.at("/summary/status_counts/success").asInt()).isEqualTo(1);
  }

  @Test
  void failedEndCarriesExceptionAndNullOutput() throws IOException {
    String exception = "{\"type\":\"IllegalStateException\",\"message\":\"boom\"}";
    EndRecord record =
        new EndRecord(
            "acme/chat",
            CallId.of("call-2"),
            0L,
            JsonPart.of(TestRecords.json("null")),
            exception,
            TestRecords.json("{}"));

    JsonNode end = parse(record).at("/req/end");

    assertThat(end.get("output").isNull()).isTrue();
    assertThat(end.get("exception").asText()).isEqualTo(exception);
    assertThat(end.get("ended_at").asText()).isEqualTo("1970-01-01T00:00:00.000000Z");
  }

  @Test
  void stringsNeedingEscapesStayOnOneLine() throws IOException {
    StartRecord record =
        new StartRecord(
            "acme/chat",
            CallId.of("id\n1"),
            CallId.of("t"),
            null,
            "Op\"quoted\"\n",
            "line1\nline2\u2028",
            0L,
            TestRecords.json("{}"),
            JsonPart.of(TestRecords.json("{}")),
            null,
            null,
            false);

    JsonNode start = parse(record).at("/req/start");

    assertThat(start.get("id").asText()).isEqualTo("id\n1");
    assertThat(start.get("op_name").asText()).isEqualTo("Op\"quoted\"\n");
    assertThat(start.get("display_name").asText()).isEqualTo("line1\nline2\u2028");
  }

  @Test
  void consecutiveLinesAreSeparatelyParseable() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordWriter.writeLine(TestRecords.start("a"), out);
    RecordWriter.writeLine(TestRecords.end("a"), out);

    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n", -1);

    assertThat(lines).hasSize(3);
    assertThat(lines[2]).isEmpty();
    assertThat(MAPPER.readTree(lines[0]).get("mode").asText()).isEqualTo("start");
    assertThat(MAPPER.readTree(lines[1]).get("mode").asText()).isEqualTo("end");
  }
}
