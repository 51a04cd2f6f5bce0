package dev.weave4j.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What serve indexes as it writes is what a restart finds on disk. */
class ProjectStoreRestartTest {

  @TempDir Path dir;

  private static final String ROOT = "0190a000-0000-7000-8000-00000000000a";
  private static final String CHILD = "0190a000-0000-7000-8000-00000000000b";
  private static final String TRACE = "0190a000-0000-7000-8000-0000000000ff";

  private static String start(String id, String parent, String at) {
    return "{\"mode\":\"start\",\"req\":{\"start\":{\"project_id\":\"a/b\",\"id\":\""
        + id
        + "\",\"trace_id\":\""
        + TRACE
        + "\",\"parent_id\":"
        + (parent == null ? "null" : "\"" + parent + "\"")
        + ",\"op_name\":\"op\",\"started_at\":\""
        + at
        + "\",\"attributes\":{},\"inputs\":{\"n\":1}}}}";
  }

  @Test
  void aTracesCallsAreFoundAfterARestart() {
    // the child first: calls arrive out of order
    String body =
        "{\"batch\":["
            + start(CHILD, ROOT, "2025-01-01T00:00:02.000000Z")
            + ","
            + start(ROOT, null, "2025-01-01T00:00:01.000000Z")
            + "]}";
    byte[] raw = body.getBytes(StandardCharsets.UTF_8);
    StoreBatch batch = new StoreBatch(raw);
    int child = body.indexOf("{\"start\"");
    int root = body.indexOf("{\"start\"", child + 1);
    batch.start(
        child,
        body.indexOf("}}}", child) + 3 - child,
        CHILD,
        TRACE,
        ROOT,
        2,
        "op",
        null,
        null,
        null);
    batch.start(
        root, body.indexOf("}}}", root) + 3 - root, ROOT, TRACE, null, 1, "op", null, null, null);
    batch.sourceHasNoLineBreaks();
    List<String> before;
    try (ProjectStore store = ProjectStore.open(dir, "a/b", "serve")) {
      store.append(batch);
      before = ids(store.reader().trace(TRACE));
      assertThat(before).containsExactly(ROOT, CHILD);
      assertThat(ids(store.reader().children(ROOT))).containsExactly(CHILD);
    }
    try (LocalStoreReader reader = LocalStoreReader.open(dir)) {
      assertThat(reader.skippedLines()).isZero();
      assertThat(ids(reader.trace(TRACE))).isEqualTo(before);
      assertThat(ids(reader.children(ROOT))).containsExactly(CHILD);
      assertThat(reader.call(CHILD).orElseThrow().path("parent_id").asText()).isEqualTo(ROOT);
      assertThat(reader.callIdsMatching("0190a000", 10)).containsExactly(ROOT, CHILD);
      assertThat(reader.rootCount()).isEqualTo(1);
    }
  }

  private static List<String> ids(List<ObjectNode> calls) {
    return calls.stream().map(c -> c.path("id")).map(JsonNode::asText).toList();
  }
}
