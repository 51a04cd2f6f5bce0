package dev.weave4j.it.apps.query;

import static dev.weave4j.it.harness.TestIds.name;
import static dev.weave4j.it.harness.TestIds.uuid;

import dev.weave4j.Call;
import dev.weave4j.CallsQuery;
import dev.weave4j.CallsQuery.Direction;
import dev.weave4j.Feedback;
import dev.weave4j.QueryExpr;
import dev.weave4j.Weave;
import dev.weave4j.WeaveClient;
import dev.weave4j.it.apps.ReaderArgs;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads (and changes) the calls of project {@code e/p} through the public {@link WeaveClient} API,
 * either against a Weave server ({@code http <url> <apiKey> <phase>}) or the local store directly
 * ({@code local <dir> <phase>}), and prints one line per query: {@code name: id,id,...} and {@code
 * name#count: n}. Phases: {@code queries}, {@code mutate}, {@code after}.
 */
public final class QueryApp {

  /** UTF-8 whatever the platform's console encoding (feedback has emoji). */
  private static final PrintStream OUT =
      new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

  private QueryApp() {}

  /** The queries every phase prints, by name. */
  static Map<String, CallsQuery> queries() {
    QueryExpr n = QueryExpr.field("inputs.n");
    Map<String, CallsQuery> q = new LinkedHashMap<>();
    q.put("all", CallsQuery.all());
    q.put("roots", CallsQuery.builder().traceRootsOnly(true).build());
    q.put("opName", CallsQuery.builder().opNames("Agent.run").build());
    q.put("opRefAnyDigest", CallsQuery.builder().opNames("weave:///e/p/op/Agent.run:*").build());
    q.put("parent", CallsQuery.builder().parentIds(uuid("r1")).build());
    q.put("trace", CallsQuery.builder().traceIds(uuid("t1")).build());
    q.put("thread", CallsQuery.builder().threadIds("th1").build());
    q.put("callIds", CallsQuery.builder().callIds(uuid("g1"), uuid("r2")).build());
    q.put("eq", where(QueryExpr.field("op_name").eq("Llm.chat")));
    q.put("gt", where(n.gt(3)));
    q.put("gte", where(n.gte(3)));
    q.put("lt", where(n.lt(3)));
    q.put("lte", where(n.lte(3)));
    q.put("in", where(QueryExpr.field("id").in(uuid("r1"), uuid("r3"))));
    q.put(
        "containsIgnoreCase", where(QueryExpr.field("display_name").containsIgnoreCase("nightly")));
    q.put("containsCase", where(QueryExpr.field("display_name").contains("Nightly")));
    q.put("not", where(QueryExpr.not(QueryExpr.field("attributes.env").eq("prod"))));
    q.put("and", where(QueryExpr.and(QueryExpr.field("attributes.env").eq("prod"), n.gt(2))));
    q.put(
        "or",
        where(
            QueryExpr.or(
                QueryExpr.field("op_name").eq("Http.get"),
                QueryExpr.field("op_name").eq("Tool.search"))));
    q.put(
        "convertDouble",
        where(QueryExpr.field("summary.usage.gpt-4o.total_tokens").asDouble().gt(50)));
    q.put("convertString", where(n.asString().eq("10")));
    q.put("exists", where(QueryExpr.field("exception").exists()));
    q.put("literal", where(QueryExpr.literal(true)));
    q.put(
        "rawJson",
        CallsQuery.builder()
            .whereJson(
                "{\"$expr\":{\"$eq\":[{\"$getField\":\"summary.weave.status\"},"
                    + "{\"$literal\":\"error\"}]}}")
            .build());
    q.put("sortDesc", CallsQuery.builder().sortBy("inputs.n", Direction.DESC).build());
    q.put(
        "sortTwoKeys",
        CallsQuery.builder()
            .sortBy("op_name", Direction.ASC)
            .sortBy("started_at", Direction.DESC)
            .build());
    q.put(
        "page", CallsQuery.builder().sortBy("inputs.n", Direction.DESC).offset(1).limit(2).build());
    q.put("pageDefaultOrder", CallsQuery.builder().offset(4).limit(10).build());
    return q;
  }

  private static CallsQuery where(QueryExpr e) {
    return CallsQuery.builder().where(e).build();
  }

  public static void main(String[] args) {
    ReaderArgs parsed = ReaderArgs.parse("e/p", args);
    WeaveClient client = Weave.init(parsed.settings());
    try {
      switch (parsed.phase()) {
        case "queries", "after" -> printQueries(client);
        case "mutate" -> mutate(client);
        default -> throw new IllegalArgumentException(parsed.phase());
      }
    } finally {
      client.close();
    }
  }

  private static void printQueries(WeaveClient client) {
    for (Map.Entry<String, CallsQuery> e : queries().entrySet()) {
      List<String> ids = client.getCalls(e.getValue()).map(c -> name(c.id())).toList();
      OUT.println(e.getKey() + ": " + String.join(",", ids));
      CallsQuery countable = e.getValue().toBuilder().offset(0).build();
      OUT.println(e.getKey() + "#count: " + client.countCalls(countable));
    }
    Call first =
        client
            .getCalls(CallsQuery.builder().columns("inputs.n").limit(1).build())
            .findFirst()
            .get();
    OUT.println(
        "columns: id="
            + name(first.id())
            + " inputs="
            + first.inputs()
            + " output="
            + first.output()
            + " attributes="
            + first.attributes());
    client
        .getCall(uuid("r1"))
        .ifPresent(
            r1 -> {
              OUT.println(
                  "children(r1): "
                      + r1.children().stream()
                          .map(c -> name(c.id()))
                          .collect(Collectors.joining(",")));
              List<String> fb = new ArrayList<>();
              for (Feedback f : r1.feedback().list()) {
                fb.add(f.type() + "=" + f.payload());
              }
              OUT.println("feedback(r1): " + fb);
            });
    client
        .getCall(uuid("r2"))
        .ifPresent(r2 -> OUT.println("displayName(r2): " + r2.displayName().orElse("-")));
    OUT.println("getCall(c2): " + client.getCall(uuid("c2")).map(c -> name(c.id())).orElse("-"));
  }

  private static void mutate(WeaveClient client) {
    client.getCall(uuid("r2")).orElseThrow().setDisplayName("renamed two");
    OUT.println("deleted: " + client.deleteCalls(List.of(uuid("c2"))));
    Call r1 = client.getCall(uuid("r1")).orElseThrow();
    r1.feedback().addReaction("👍");
    r1.feedback().addNote("good");
    r1.feedback().add("qa.score", Map.of("score", 0.9));
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i <= WeaveClient.MAX_DELETE_CALLS; i++) {
      tooMany.add("x" + i);
    }
    try {
      client.deleteCalls(tooMany);
    } catch (IllegalArgumentException e) {
      OUT.println("tooMany: " + e.getMessage());
    }
    client.getCall(uuid("g1")).ifPresent(g -> OUT.println("g1 still there"));
  }
}
