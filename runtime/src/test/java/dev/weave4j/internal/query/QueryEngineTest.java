package dev.weave4j.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryEngineTest {

  private static final ObjectMapper M = new ObjectMapper();

  /** Five calls: a root "a" with children b and c (c failed), and two roots d and e. */
  private static final List<CallRow> CALLS =
      List.of(
          call(
              "a",
              "t1",
              null,
              "weave:///e/p/op/Agent.run:abc",
              "Run One",
              "2025-01-01T00:00:01.000000Z",
              "{\"question\":\"What is Weave?\",\"n\":3}",
              "\"answer\"",
              "{\"usage\":{\"gpt-4.1\":{\"total_tokens\":120}}}",
              "{\"env\":\"prod\"}"),
          call(
              "b",
              "t1",
              "a",
              "Llm.chat",
              null,
              "2025-01-01T00:00:02.000000Z",
              "{\"prompt\":\"hello\",\"n\":1}",
              "{\"text\":\"hi\"}",
              "{\"usage\":{\"gpt-4.1\":{\"total_tokens\":100}}}",
              "{\"env\":\"prod\"}"),
          call(
              "c",
              "t1",
              "a",
              "Tool.search",
              null,
              "2025-01-01T00:00:03.000000Z",
              "{\"q\":\"weave:///e/p/object/doc:123\",\"n\":\"7\"}",
              "null",
              "{}",
              "{\"env\":\"dev\"}"),
          call(
              "d",
              "t2",
              null,
              "weave:///e/p/op/Agent.run:def",
              "run two",
              "2025-01-01T00:00:04.000000Z",
              "{\"question\":\"Why?\",\"n\":10}",
              "\"because\"",
              "{\"usage\":{\"gpt-4.1\":{\"total_tokens\":5}}}",
              "{}"),
          call(
              "e",
              "t3",
              null,
              "Llm.chat",
              null,
              "2025-01-01T00:00:05.000000Z",
              "{\"prompt\":\"bye\"}",
              "\"ok\"",
              "{}",
              "{\"env\":\"prod\"}"));

  private static CallRow call(
      String id,
      String trace,
      String parent,
      String op,
      String displayName,
      String startedAt,
      String inputs,
      String output,
      String summary,
      String attributes) {
    ObjectNode c = M.createObjectNode();
    c.put("id", id);
    c.put("project_id", "e/p");
    c.put("op_name", op);
    c.put("display_name", displayName);
    c.put("trace_id", trace);
    c.put("parent_id", parent);
    c.put("started_at", startedAt);
    c.set("attributes", json(attributes));
    c.set("inputs", json(inputs));
    c.put("ended_at", startedAt);
    c.put("exception", id.equals("c") ? "{\"type\":\"IOException\"}" : null);
    c.set("output", json(output));
    c.set("summary", json(summary));
    return CallRow.of(c);
  }

  private static JsonNode json(String s) {
    try {
      return M.readTree(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  private static List<String> ids(String request) {
    List<String> ids = new ArrayList<>();
    for (ObjectNode c : run(request)) {
      ids.add(c.get("id").asText());
    }
    return ids;
  }

  private static List<ObjectNode> run(String request) {
    CallsQueryRequest req =
        CallsQueryRequest.fromJson(json("{\"project_id\":\"e/p\"," + request + "}"));
    List<CallRow> reversed = new ArrayList<>(CALLS);
    java.util.Collections.reverse(reversed);
    return QueryEngine.run(req, CALLS, reversed);
  }

  private static List<String> where(String expr) {
    return ids("\"query\":{\"$expr\":" + expr + "}");
  }

  @Test
  void noFilterReturnsEveryCallOldestFirst() {
    assertThat(ids("\"limit\":100")).containsExactly("a", "b", "c", "d", "e");
  }

  @Test
  void filterFieldsSelectByIdsTracesParentsAndRoots() {
    assertThat(ids("\"filter\":{\"call_ids\":[\"b\",\"e\"]}")).containsExactly("b", "e");
    assertThat(ids("\"filter\":{\"trace_ids\":[\"t1\"]}")).containsExactly("a", "b", "c");
    assertThat(ids("\"filter\":{\"parent_ids\":[\"a\"]}")).containsExactly("b", "c");
    assertThat(ids("\"filter\":{\"trace_roots_only\":true}")).containsExactly("a", "d", "e");
    assertThat(ids("\"filter\":{\"call_ids\":[]}")).isEmpty();
    assertThat(ids("\"filter\":{\"input_refs\":[\"weave:///e/p/object/doc:123\"]}"))
        .containsExactly("c");
  }

  @Test
  void opNamesMatchExactlyByWildcardDigestOrByPlainName() {
    assertThat(ids("\"filter\":{\"op_names\":[\"weave:///e/p/op/Agent.run:abc\"]}"))
        .containsExactly("a");
    assertThat(ids("\"filter\":{\"op_names\":[\"weave:///e/p/op/Agent.run:*\"]}"))
        .containsExactly("a", "d");
    assertThat(ids("\"filter\":{\"op_names\":[\"Agent.run\",\"Tool.search\"]}"))
        .containsExactly("a", "c", "d");
  }

  @Test
  void eqComparesStringsAndNumbers() {
    assertThat(where("{\"$eq\":[{\"$getField\":\"op_name\"},{\"$literal\":\"Llm.chat\"}]}"))
        .containsExactly("b", "e");
    assertThat(where("{\"$eq\":[{\"$getField\":\"inputs.n\"},{\"$literal\":3}]}"))
        .containsExactly("a");
    // a numeric string equals the number
    assertThat(where("{\"$eq\":[{\"$getField\":\"inputs.n\"},{\"$literal\":7}]}"))
        .containsExactly("c");
    assertThat(where("{\"$eq\":[{\"$getField\":\"display_name\"},{\"$literal\":null}]}"))
        .containsExactly("b", "c", "e");
  }

  @Test
  void orderingOperatorsCompareNumbersNumerically() {
    String n = "{\"$getField\":\"inputs.n\"}";
    assertThat(where("{\"$gt\":[" + n + ",{\"$literal\":3}]}")).containsExactly("c", "d");
    assertThat(where("{\"$gte\":[" + n + ",{\"$literal\":3}]}")).containsExactly("a", "c", "d");
    assertThat(where("{\"$lt\":[" + n + ",{\"$literal\":3}]}")).containsExactly("b");
    assertThat(where("{\"$lte\":[" + n + ",{\"$literal\":3}]}")).containsExactly("a", "b");
  }

  @Test
  void dottedPathsReachSummaryKeysThatContainDots() {
    assertThat(
            where(
                "{\"$gt\":[{\"$convert\":{\"input\":{\"$getField\":"
                    + "\"summary.usage.gpt-4.1.total_tokens\"},\"to\":\"double\"}},"
                    + "{\"$literal\":50}]}"))
        .containsExactly("a", "b");
  }

  @Test
  void logicalOperatorsCombine() {
    String prod = "{\"$eq\":[{\"$getField\":\"attributes.env\"},{\"$literal\":\"prod\"}]}";
    String root = "{\"$eq\":[{\"$getField\":\"parent_id\"},{\"$literal\":null}]}";
    assertThat(where("{\"$and\":[" + prod + "," + root + "]}")).containsExactly("a", "e");
    assertThat(where("{\"$or\":[" + prod + "," + root + "]}")).containsExactly("a", "b", "d", "e");
    assertThat(where("{\"$not\":[" + prod + "]}")).containsExactly("c", "d");
  }

  @Test
  void inMatchesAnyOfTheValues() {
    assertThat(
            where("{\"$in\":[{\"$getField\":\"id\"},[{\"$literal\":\"a\"},{\"$literal\":\"d\"}]]}"))
        .containsExactly("a", "d");
  }

  @Test
  void containsMatchesSubstringsOptionallyIgnoringCase() {
    String dn = "{\"$getField\":\"display_name\"}";
    assertThat(where("{\"$contains\":{\"input\":" + dn + ",\"substr\":{\"$literal\":\"run\"}}}"))
        .containsExactly("d");
    assertThat(
            where(
                "{\"$contains\":{\"input\":"
                    + dn
                    + ",\"substr\":{\"$literal\":\"run\"},\"case_insensitive\":true}}"))
        .containsExactly("a", "d");
    assertThat(
            where(
                "{\"$contains\":{\"input\":{\"$getField\":\"inputs\"},"
                    + "\"substr\":{\"$literal\":\"weave\"},\"case_insensitive\":true}}"))
        .containsExactly("a", "c");
  }

  @Test
  void convertToEachTarget() {
    assertThat(where("{\"$convert\":{\"input\":{\"$getField\":\"exception\"},\"to\":\"exists\"}}"))
        .containsExactly("c");
    assertThat(
            where(
                "{\"$eq\":[{\"$convert\":{\"input\":{\"$getField\":\"inputs.n\"},\"to\":\"int\"}},"
                    + "{\"$literal\":7}]}"))
        .containsExactly("c");
    assertThat(
            where(
                "{\"$eq\":[{\"$convert\":{\"input\":{\"$getField\":\"inputs.n\"},"
                    + "\"to\":\"string\"}},{\"$literal\":\"10\"}]}"))
        .containsExactly("d");
    assertThat(where("{\"$convert\":{\"input\":{\"$getField\":\"inputs.n\"},\"to\":\"bool\"}}"))
        .containsExactly("a", "b", "c", "d");
  }

  @Test
  void sortsByDottedPathsBothWaysWithAbsentValuesFirstAscending() {
    assertThat(ids("\"sort_by\":[{\"field\":\"inputs.n\",\"direction\":\"asc\"}]"))
        .containsExactly("e", "b", "a", "c", "d");
    assertThat(ids("\"sort_by\":[{\"field\":\"started_at\",\"direction\":\"desc\"}]"))
        .containsExactly("e", "d", "c", "b", "a");
    assertThat(
            ids(
                "\"sort_by\":[{\"field\":\"op_name\",\"direction\":\"asc\"},"
                    + "{\"field\":\"started_at\",\"direction\":\"desc\"}]"))
        .containsExactly("e", "b", "c", "a", "d");
  }

  @Test
  void limitAndOffsetPageThroughTheResults() {
    assertThat(ids("\"limit\":2")).containsExactly("a", "b");
    assertThat(ids("\"limit\":2,\"offset\":2")).containsExactly("c", "d");
    assertThat(ids("\"limit\":2,\"offset\":4")).containsExactly("e");
    assertThat(
            ids(
                "\"limit\":2,\"offset\":1,"
                    + "\"sort_by\":[{\"field\":\"inputs.n\",\"direction\":\"desc\"}]"))
        .containsExactly("c", "a");
  }

  @Test
  void columnsKeepTheListedFieldsAndTheAlwaysReturnedOnes() {
    ObjectNode c = run("\"columns\":[\"inputs.n\",\"display_name\"],\"limit\":1").get(0);
    List<String> fields = new ArrayList<>();
    c.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactlyInAnyOrder(
            "id", "project_id", "trace_id", "op_name", "started_at", "inputs", "display_name");
  }

  @Test
  void countIgnoresOffsetAndHonoursTheFilter() {
    CallsQueryRequest req =
        CallsQueryRequest.fromStatsJson(
            json("{\"project_id\":\"e/p\",\"filter\":{\"trace_ids\":[\"t1\"]}}"));
    assertThat(QueryEngine.count(req, CALLS)).isEqualTo(3);
  }

  @Test
  void invalidRequestsNameTheOffendingField() {
    assertThatThrownBy(() -> where("{\"$eq\":[{\"$literal\":1}]}"))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("query.$expr.$eq")
        .hasMessageContaining("exactly 2");
    assertThatThrownBy(() -> where("{\"$regex\":[]}")).hasMessageContaining("unknown operator");
    assertThatThrownBy(() -> where("{\"$not\":[{\"$literal\":1},{\"$literal\":2}]}"))
        .hasMessageContaining("exactly 1");
    assertThatThrownBy(() -> ids("\"bogus\":1")).hasMessageContaining("bogus");
    assertThatThrownBy(() -> ids("\"filter\":{\"op_name\":[]}"))
        .hasMessageContaining("filter.op_name");
    assertThatThrownBy(() -> ids("\"sort_by\":[{\"field\":\"id\",\"direction\":\"up\"}]"))
        .hasMessageContaining("direction");
  }
}
