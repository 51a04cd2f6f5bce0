package dev.weave4j.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weave4j.Call;
import dev.weave4j.CallsQuery;
import dev.weave4j.Feedback;
import dev.weave4j.QueryExpr;
import dev.weave4j.Weave;
import dev.weave4j.WeaveClient;
import dev.weave4j.WeaveSettings;
import dev.weave4j.internal.WeaveRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client API in local mode: calls traced in this JVM, read and changed in the local store. */
class LocalStoreClientTest {

  @TempDir Path localDir;
  private WeaveClient client;

  @BeforeEach
  void init() {
    assertThat(WeaveRuntime.active()).as("another test left the runtime installed").isNull();
    client =
        Weave.init(
            WeaveSettings.builder()
                .project("acme/qa")
                .localDir(localDir)
                .printCallLink(false)
                .build());
  }

  @AfterEach
  void finish() {
    Weave.finish();
  }

  /** A root "agent" with children "llm" (tokens) and "tool"; the tool has a child "fetch". */
  private Call tree(String question, int tokens) {
    Call root = client.createCall("agent", Map.of("question", question));
    Call llm = client.createCall("llm", Map.of("prompt", question), root, null, null);
    client.finishCall(llm, Map.of("text", "answer to " + question, "tokens", tokens));
    Call tool = client.createCall("tool", Map.of("q", question), root, Map.of("env", "dev"), null);
    Call fetch = client.createCall("fetch", Map.of("url", "http://x"), tool, null, null);
    client.finishCall(fetch, "page");
    client.finishCall(tool, "found");
    client.finishCall(root, "done " + question);
    return root;
  }

  private static List<String> ops(List<Call> calls) {
    return calls.stream().map(Call::opName).toList();
  }

  @Test
  void getCallReturnsWhatWasTracedWithValuesAsPlainJava() {
    Call root = tree("why", 7);
    Call read = client.getCall(root.id()).orElseThrow();
    assertThat(read.opName()).isEqualTo("agent");
    assertThat(read.inputs()).containsEntry("question", "why");
    assertThat(read.output()).isEqualTo("done why");
    assertThat(read.parentId()).isNull();
    assertThat(read.endedAt()).isPresent();
    assertThat(read.summary()).containsKey("weave");
    assertThat(client.getCall("no-such-id")).isEmpty();
  }

  @Test
  void getCallsFiltersSortsAndPages() {
    Call a = tree("a", 10);
    Call b = tree("b", 30);
    tree("c", 20);
    assertThat(ops(client.getCalls(CallsQuery.builder().traceRootsOnly(true).build()).toList()))
        .containsExactly("agent", "agent", "agent");
    assertThat(client.getCalls(CallsQuery.builder().traceIds(a.traceId()).build()).toList())
        .extracting(Call::opName)
        .containsExactly("agent", "llm", "tool", "fetch");
    List<Call> llmsByTokens =
        client
            .getCalls(
                CallsQuery.builder()
                    .opNames("llm")
                    .sortBy("output.tokens", CallsQuery.Direction.DESC)
                    .build())
            .toList();
    assertThat(llmsByTokens)
        .extracting(c -> c.inputs().get("prompt"))
        .containsExactly("b", "c", "a");
    List<Call> paged =
        client
            .getCalls(
                CallsQuery.builder()
                    .opNames("llm")
                    .sortBy("output.tokens", CallsQuery.Direction.DESC)
                    .offset(1)
                    .limit(1)
                    .build())
            .toList();
    assertThat(paged).extracting(c -> c.inputs().get("prompt")).containsExactly("c");
    assertThat(
            client.countCalls(
                CallsQuery.builder().where(QueryExpr.field("output.tokens").gte(20)).build()))
        .isEqualTo(2);
    assertThat(client.getCalls(CallsQuery.builder().parentIds(b.id()).build()).toList())
        .extracting(Call::opName)
        .containsExactly("llm", "tool");
    assertThat(
            client
                .getCalls(
                    CallsQuery.builder()
                        .whereJson(
                            "{\"$expr\":{\"$eq\":[{\"$getField\":\"attributes.env\"},"
                                + "{\"$literal\":\"dev\"}]}}")
                        .build())
                .count())
        .isEqualTo(3);
  }

  @Test
  void streamsManyPagesLazily() {
    Call root = client.createCall("root", Map.of());
    for (int i = 0; i < 2_500; i++) {
      client.finishCall(client.createCall("leaf", Map.of("i", i), root, null, null), i);
    }
    client.finishCall(root, null);
    List<Object> outputs = new ArrayList<>();
    client
        .getCalls(CallsQuery.builder().opNames("leaf").build())
        .forEach(c -> outputs.add(c.output()));
    assertThat(outputs).hasSize(2_500);
    assertThat(outputs.get(2_499)).isEqualTo(2_499L);
    assertThat(client.getCalls(CallsQuery.builder().opNames("leaf").offset(999).build()).count())
        .isEqualTo(1_501);
    assertThat(client.getCalls(CallsQuery.all()).limit(3).count()).isEqualTo(3);
  }

  @Test
  void renamingAQueriedCallIsSeenByLaterQueries() {
    Call root = tree("a", 1);
    Call read = client.getCall(root.id()).orElseThrow();
    read.setDisplayName("Nightly run");
    assertThat(read.displayName()).contains("Nightly run");
    assertThat(client.getCall(root.id()).orElseThrow().displayName()).contains("Nightly run");
    assertThat(
            client.countCalls(
                CallsQuery.builder()
                    .where(QueryExpr.field("display_name").containsIgnoreCase("nightly"))
                    .build()))
        .isEqualTo(1);
    root.setDisplayName("live rename");
    assertThat(client.getCall(root.id()).orElseThrow().displayName()).contains("live rename");
    read.removeDisplayName();
    assertThat(client.getCall(root.id()).orElseThrow().displayName()).isEmpty();
  }

  @Test
  void deletingACallDeletesItsDescendants() {
    Call a = tree("a", 1);
    Call b = tree("b", 1);
    Call tool = client.getCall(a.id()).orElseThrow().children().get(1);
    assertThat(tool.opName()).isEqualTo("tool");
    tool.delete();
    assertThat(ops(client.getCalls(CallsQuery.builder().traceIds(a.traceId()).build()).toList()))
        .containsExactly("agent", "llm");
    assertThat(client.deleteCalls(List.of(b.id()))).isEqualTo(4);
    assertThat(client.getCall(b.id())).isEmpty();
    assertThat(client.countCalls(CallsQuery.all())).isEqualTo(2);
    a.delete();
    assertThat(client.countCalls(CallsQuery.all())).isZero();
  }

  @Test
  void deletingMoreThanAThousandIdsIsRefusedWithAClearMessage() {
    List<String> ids = new ArrayList<>(Collections.nCopies(1, "x"));
    for (int i = 0; i < 1_001; i++) {
      ids.add("id-" + i);
    }
    assertThatThrownBy(() -> client.deleteCalls(ids))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1002")
        .hasMessageContaining("at most 1000");
  }

  @Test
  void feedbackIsStoredAndListedPerCall() {
    Call a = tree("a", 1);
    Call b = tree("b", 1);
    a.feedback().addReaction("👍");
    a.feedback().addNote("looks right");
    client.getCall(a.id()).orElseThrow().feedback().add("qa.score", Map.of("score", 0.9));
    assertThatThrownBy(() -> a.feedback().add("wandb.custom", Map.of()))
        .hasMessageContaining("reserved");
    List<Feedback> fb = client.getCall(a.id()).orElseThrow().feedback().list();
    assertThat(fb)
        .extracting(Feedback::type)
        .containsExactly("wandb.reaction.1", "wandb.note.1", "qa.score");
    assertThat(fb.get(0).payload()).containsEntry("emoji", "👍");
    assertThat(fb.get(2).payload()).containsEntry("score", 0.9);
    assertThat(fb.get(0).createdAt()).isNotNull();
    assertThat(b.feedback().list()).isEmpty();
  }

  @Test
  void invalidQueriesFailWithTheFieldNamed() {
    assertThatThrownBy(
            () ->
                client.getCalls(
                    CallsQuery.builder().whereJson("{\"$eq\":[{\"$literal\":1}]}").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("$eq");
  }
}
