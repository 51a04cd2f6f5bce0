package dev.weave4j.it.apps.e2e;

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
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads and changes {@link PipelineApp}'s calls in project {@code acme/e2e} through the public API
 * only ({@link Weave#init} in library mode), against a server ({@code http <url> <apiKey> <phase>})
 * or a local store ({@code local <dir> <phase>}). Prints one {@code name: value} line per fact; a
 * call is shown as {@code <op short name><inputs>}, e.g. {@code run[alpha, 3]}. Phases: {@code
 * read} (before changes), {@code mutate} (rename alpha, feedback on alpha, delete beta), {@code
 * after}.
 */
public final class PipelineReader {

  private static final PrintStream OUT =
      new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

  private PipelineReader() {}

  public static void main(String[] args) {
    ReaderArgs parsed = ReaderArgs.parse("acme/e2e", args);
    WeaveClient client = Weave.init(parsed.settings());
    try {
      switch (parsed.phase()) {
        case "read", "after" -> read(client);
        case "mutate" -> mutate(client);
        default -> throw new IllegalArgumentException(parsed.phase());
      }
    } finally {
      client.close();
    }
  }

  /** {@code Pipeline.fetch} from a plain op name or a {@code weave:///…/op/<name>:<digest>} ref. */
  static String shortOp(String opName) {
    String name =
        opName.startsWith("weave:///") ? opName.replaceAll(".*/op/([^:]*):.*", "$1") : opName;
    return name.substring(name.indexOf('.') + 1);
  }

  static String label(Call c) {
    return shortOp(c.opName()) + c.inputs().values();
  }

  static String tree(Call c) {
    List<Call> kids = c.children();
    return label(c)
        + (kids.isEmpty()
            ? ""
            : kids.stream().map(PipelineReader::tree).collect(Collectors.joining(",", "{", "}")));
  }

  private static String labels(WeaveClient client, CallsQuery q) {
    return client.getCalls(q).map(PipelineReader::label).collect(Collectors.joining(","));
  }

  private static Call root(WeaveClient client, String topic) {
    return client
        .getCalls(
            CallsQuery.builder()
                .traceRootsOnly(true)
                .where(QueryExpr.field("inputs.topic").eq(topic))
                .build())
        .findFirst()
        .orElse(null);
  }

  private static void read(WeaveClient client) {
    CallsQuery byStart = CallsQuery.builder().sortBy("started_at", Direction.ASC).build();
    OUT.println("count: " + client.countCalls(CallsQuery.all()));
    OUT.println("roots: " + labels(client, byStart.toBuilder().traceRootsOnly(true).build()));
    Call alpha = root(client, "alpha");
    Call beta = root(client, "beta");
    Call explode =
        client.getCalls(where(QueryExpr.field("exception").exists())).findFirst().orElse(null);
    if (alpha != null) {
      OUT.println("tree(alpha): " + tree(alpha));
      OUT.println("inputs(alpha): " + alpha.inputs());
      OUT.println("output(alpha): " + alpha.output());
      OUT.println("opName(alpha): " + alpha.opName());
      OUT.println("opRef(alpha): " + alpha.opRef().orElse("none"));
      OUT.println("id(alpha): " + alpha.id());
      OUT.println("uiUrl(alpha): " + alpha.uiUrl().orElse("-"));
      OUT.println("displayName(alpha): " + alpha.displayName().orElse("-"));
      List<String> fb = new ArrayList<>();
      for (Feedback f : alpha.feedback().list()) {
        fb.add(f.type() + "=" + f.payload());
      }
      OUT.println("feedback(alpha): " + fb);
    }
    OUT.println("beta: " + (beta == null ? "-" : tree(beta)));
    if (explode != null) {
      OUT.println("failed: " + label(explode));
      OUT.println("exception: " + explode.exception().map(Throwable::toString).orElse("-"));
      Object weave = explode.summary().get("weave");
      OUT.println("status: " + (weave instanceof java.util.Map<?, ?> w ? w.get("status") : weave));
    }
    QueryExpr i = QueryExpr.field("inputs.i");
    QueryExpr isFetch = QueryExpr.field("op_name").contains("Pipeline.fetch");
    CallsQuery fetches =
        CallsQuery.builder()
            .where(isFetch)
            .sortBy("inputs.i", Direction.DESC)
            .sortBy("started_at", Direction.ASC)
            .build();
    OUT.println("fetch sorted: " + labels(client, fetches));
    OUT.println("fetch page: " + labels(client, fetches.toBuilder().offset(1).limit(2).build()));
    OUT.println("fetch#count: " + client.countCalls(CallsQuery.builder().where(isFetch).build()));
    OUT.println("eq: " + labels(client, where(QueryExpr.and(isFetch, i.eq(1)))));
    OUT.println("gt: " + labels(client, where(QueryExpr.and(isFetch, i.gt(0)))));
    OUT.println("gte: " + labels(client, where(QueryExpr.and(isFetch, i.gte(1)))));
    OUT.println("lt: " + labels(client, where(QueryExpr.and(isFetch, i.lt(1)))));
    OUT.println("lte: " + labels(client, where(QueryExpr.and(isFetch, i.lte(0)))));
    OUT.println("in: " + labels(client, where(QueryExpr.field("inputs.topic").in("beta", "x"))));
    OUT.println(
        "containsIgnoreCase: "
            + labels(client, where(QueryExpr.field("output").containsIgnoreCase("DOC-2"))));
    OUT.println(
        "not: "
            + labels(
                client,
                byStart.toBuilder()
                    .traceRootsOnly(true)
                    .where(QueryExpr.not(QueryExpr.field("inputs.topic").eq("alpha")))
                    .build()));
    OUT.println(
        "or: "
            + labels(
                client,
                byStart.toBuilder()
                    .where(
                        QueryExpr.or(
                            QueryExpr.field("inputs.why").exists(),
                            QueryExpr.field("inputs.n").asString().eq("1")))
                    .build()));
    OUT.println(
        "opNames: "
            + client
                .getCalls(CallsQuery.builder().opNames(opNameOf(client, "summarize")).build())
                .count());
  }

  /** The full op name (ref or plain) of the op with this short name, as stored. */
  private static String opNameOf(WeaveClient client, String shortName) {
    return client
        .getCalls(CallsQuery.all())
        .map(Call::opName)
        .filter(o -> shortOp(o).equals(shortName))
        .findFirst()
        .orElseThrow();
  }

  private static CallsQuery where(QueryExpr e) {
    return CallsQuery.builder().where(e).sortBy("started_at", Direction.ASC).build();
  }

  private static void mutate(WeaveClient client) {
    Call alpha = root(client, "alpha");
    alpha.setDisplayName("renamed alpha");
    alpha.feedback().addReaction("👍");
    alpha.feedback().addNote("solid");
    root(client, "beta").delete();
    OUT.println("mutated");
  }
}
