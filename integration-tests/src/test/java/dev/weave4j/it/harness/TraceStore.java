package dev.weave4j.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The raw local store of one project ({@code <local_dir>/<entity>/<project>/*.jsonl}): the wire
 * format itself. Each line is one {@code /call/upsert_batch} item, {@code {"mode":"start",
 * "req":{"start":{...}}}} or {@code {"mode":"end","req":{"end":{...}}}}.
 *
 * <p>Lines are parsed on first use, so a test can check their size before anything else.
 */
public final class TraceStore {

  /** One stored line and the file it is in. */
  public record Line(Path file, int number, String text) {

    /** The size of the line in bytes (UTF-8). */
    public int bytes() {
      return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public String toString() {
      return file.getFileName()
          + ":"
          + number
          + " ("
          + bytes()
          + " bytes) "
          + Json.abbreviate(text, 300);
    }
  }

  private final Path dir;
  private final JvmRun run;
  private final List<Line> lines;
  private List<JsonNode> items;
  private Map<String, CallNode> calls;

  private TraceStore(Path dir, JvmRun run, List<Line> lines) {
    this.dir = dir;
    this.run = run;
    this.lines = lines;
  }

  static TraceStore read(Path dir, JvmRun run) {
    if (!Files.isDirectory(dir)) {
      throw new AssertionError("no local store at " + dir + "\n" + run.describe());
    }
    List<Line> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".jsonl"))
              .sorted()
              .collect(Collectors.toList())) {
        List<String> text = Files.readAllLines(f, StandardCharsets.UTF_8);
        for (int i = 0; i < text.size(); i++) {
          if (!text.get(i).isBlank()) {
            lines.add(new Line(f, i + 1, text.get(i)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TraceStore(dir, run, lines);
  }

  /** Every non-blank line of every {@code *.jsonl} file, in file order. */
  public List<Line> lines() {
    return lines;
  }

  /** Every line parsed. */
  public List<JsonNode> items() {
    if (items == null) {
      List<JsonNode> parsed = new ArrayList<>();
      for (Line l : lines) {
        try {
          parsed.add(Json.parse(l.text()));
        } catch (AssertionError e) {
          throw new AssertionError("unreadable line " + l.file() + ":" + l.number(), e);
        }
      }
      items = parsed;
    }
    return items;
  }

  /** The {@code req.start} bodies of the {@code start} items. */
  public List<JsonNode> starts() {
    return bodies("start");
  }

  /** The {@code req.end} bodies of the {@code end} items. */
  public List<JsonNode> ends() {
    return bodies("end");
  }

  private List<JsonNode> bodies(String mode) {
    return items().stream()
        .filter(i -> mode.equals(i.path("mode").asText()))
        .map(i -> i.path("req").path(mode))
        .collect(Collectors.toList());
  }

  /**
   * Every call, merged from its start and end into CallSchema form, linked to its children. The
   * status is computed as the server does: {@code running} without an end, {@code error} with an
   * exception, {@code descendant_error} when a call below failed, else {@code success}.
   */
  public List<CallNode> calls() {
    return List.copyOf(index().values());
  }

  /** The calls without a parent. */
  public List<CallNode> roots() {
    return index().values().stream().filter(c -> c.parentId() == null).collect(Collectors.toList());
  }

  /** The calls of {@code opName}, in the order they started in the store. */
  public List<CallNode> calls(String opName) {
    return index().values().stream()
        .filter(c -> opName.equals(c.opName()))
        .collect(Collectors.toList());
  }

  /** The one root call of {@code opName}, with its children linked. */
  public CallNode root(String opName) {
    List<CallNode> found =
        roots().stream().filter(c -> opName.equals(c.opName())).collect(Collectors.toList());
    if (found.size() != 1) {
      throw new AssertionError(
          "expected one root call "
              + opName
              + " in "
              + dir
              + " but found "
              + found.size()
              + "; roots: "
              + roots().stream().map(CallNode::opName).collect(Collectors.toList()));
    }
    return found.get(0);
  }

  /** The call with this id. */
  public CallNode call(String id) {
    CallNode c = index().get(id);
    if (c == null) {
      throw new AssertionError("no call " + id + " in " + dir);
    }
    return c;
  }

  private Map<String, CallNode> index() {
    if (calls != null) {
      return calls;
    }
    Map<String, JsonNode> endsById = new LinkedHashMap<>();
    for (JsonNode end : ends()) {
      endsById.put(end.path("id").asText(), end);
    }
    Map<String, CallNode> byId = new LinkedHashMap<>();
    for (JsonNode start : starts()) {
      ObjectNode c = Json.MAPPER.createObjectNode();
      for (String f :
          List.of(
              "id",
              "project_id",
              "op_name",
              "display_name",
              "trace_id",
              "parent_id",
              "started_at",
              "attributes",
              "inputs")) {
        c.set(f, start.path(f).isMissingNode() ? null : start.get(f));
      }
      JsonNode end = endsById.get(start.path("id").asText());
      ObjectNode summary = Json.MAPPER.createObjectNode();
      String status = "running";
      if (end != null) {
        c.set("ended_at", end.get("ended_at"));
        c.set("output", end.get("output"));
        c.set("exception", end.get("exception"));
        if (end.get("summary") != null && end.get("summary").isObject()) {
          summary = end.get("summary").deepCopy();
        }
        JsonNode ex = end.get("exception");
        boolean descendantFailed = summary.path("status_counts").path("error").asInt() > 0;
        status =
            ex != null && !ex.isNull()
                ? "error"
                : descendantFailed ? "descendant_error" : "success";
      }
      if (!summary.path("weave").has("status")) {
        summary.with("weave").put("status", status);
      }
      c.set("summary", summary);
      byId.put(start.path("id").asText(), CallNode.merged(c, "store " + dir));
    }
    for (CallNode call : byId.values()) {
      if (call.parentId() != null && byId.containsKey(call.parentId())) {
        byId.get(call.parentId()).addChild(call);
      }
    }
    calls = byId;
    return calls;
  }

  /** The run that wrote this store. */
  public JvmRun run() {
    return run;
  }

  public Path dir() {
    return dir;
  }
}
