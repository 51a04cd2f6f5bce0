package dev.weave4j.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.internal.remote.ServerConfig;
import dev.weave4j.internal.remote.StoreSync;
import dev.weave4j.internal.store.ProjectStore;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the client API records in a local store besides calls (renames, deletes, feedback, objects,
 * files) reaches {@code serve} through {@code sync} and means the same there, under the target
 * project.
 */
class SyncIntoServeTest {

  private static final ObjectMapper M = new ObjectMapper();

  @TempDir Path local;
  @TempDir Path served;
  private TraceServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static void call(ProjectStore store, String id, String parent) {
    ObjectNode start = M.createObjectNode();
    start.put("project_id", "local/proj");
    start.put("id", TestIds.uuid(id));
    start.put("trace_id", TestIds.uuid(parent == null ? id : parent));
    start.put("parent_id", parent == null ? null : TestIds.uuid(parent));
    start.put("op_name", "Thing.run");
    start.put("started_at", "2025-01-01T00:00:01.000000Z");
    start.putObject("inputs");
    start.putObject("attributes");
    ObjectNode s = M.createObjectNode();
    s.set("start", start);
    store.append("start", s);
    ObjectNode end = M.createObjectNode();
    end.put("project_id", "local/proj");
    end.put("id", TestIds.uuid(id));
    end.put("ended_at", "2025-01-01T00:00:02.000000Z");
    end.putObject("summary");
    ObjectNode e = M.createObjectNode();
    e.set("end", end);
    store.append("end", e);
  }

  @Test
  void renamesDeletesFeedbackObjectsAndFilesMadeLocallySurviveASyncToServe() throws Exception {
    Path projectDir = local.resolve("local").resolve("proj");
    String fileDigest;
    try (ProjectStore store = ProjectStore.open(projectDir, "local/proj", "app")) {
      call(store, "a", null);
      call(store, "b", "a");
      call(store, "c", null);
      store.updateDisplayName(TestIds.uuid("c"), "renamed");
      store.delete(List.of(TestIds.uuid("a")));
      ObjectNode fb = M.createObjectNode();
      fb.put("project_id", "local/proj");
      fb.put("weave_ref", "weave:///local/proj/call/c");
      fb.put("feedback_type", "wandb.note.1");
      fb.putObject("payload").put("note", "kept");
      store.createFeedback(fb);
      ObjectNode obj = M.createObjectNode();
      obj.putObject("obj")
          .put("project_id", "local/proj")
          .put("object_id", "Thing")
          .putObject("val")
          .put("a", 1);
      store.createObject(obj);
      fileDigest = store.createFile("obj.py", "code text".getBytes(StandardCharsets.UTF_8));
    }
    server =
        new TraceServer(new ServeOptions("127.0.0.1", 0, null, served, FaultOptions.NONE), "test");
    server.start();

    StoreSync.Result result =
        StoreSync.to(ServerConfig.of(server.url(), "acme", "qa", null, local))
            .upload(
                projectDir,
                local.resolve(".sync"),
                false,
                new PrintStream(OutputStream.nullOutputStream()));

    assertThat(result.complete()).isTrue();
    try (ProjectStore target =
        ProjectStore.open(served.resolve("acme").resolve("qa"), "acme/qa", "t")) {
      assertThat(target.call(TestIds.uuid("a"))).isEmpty();
      assertThat(target.call(TestIds.uuid("b"))).as("deleted with its parent").isEmpty();
      assertThat(target.call(TestIds.uuid("c")))
          .get()
          .satisfies(c -> assertThat(c.path("display_name").asText()).isEqualTo("renamed"));
      assertThat(target.feedback())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.path("weave_ref").asText()).isEqualTo("weave:///acme/qa/call/c");
                assertThat(f.path("project_id").asText()).isEqualTo("acme/qa");
                assertThat(f.path("payload").path("note").asText()).isEqualTo("kept");
              });
      assertThat(target.readObject("Thing", "latest"))
          .get()
          .satisfies(o -> assertThat(o.path("val").path("a").asInt()).isEqualTo(1));
      assertThat(target.file(fileDigest))
          .get()
          .satisfies(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("code text"));
    }
  }
}
