package dev.weave4j.internal.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Internal, unstable. The calls-complete write path (weave-protocol.md §1.6): pairs each call's
 * start with its end and yields {@code CompletedCallSchemaForInsert} objects. At most {@code
 * maxUnpaired} lines wait for their partner; beyond that the oldest go back to the caller (to the
 * spool).
 */
final class CallPairer {

  static final int MAX_UNPAIRED = 10_000;

  private final int maxUnpaired;
  private final Map<String, byte[]> starts = new LinkedHashMap<>();
  private final Map<String, byte[]> ends = new LinkedHashMap<>();

  CallPairer(int maxUnpaired) {
    this.maxUnpaired = maxUnpaired;
  }

  /**
   * Adds a start or end line; completed calls go to {@code out}, lines that overflow the bound to
   * {@code overflow}, lines that are not a call start or end to {@code invalid}.
   */
  void add(byte[] line, List<Outbound> out, List<byte[]> overflow, List<byte[]> invalid) {
    JsonNode n = ItemLines.tree(line);
    String mode = n == null ? null : n.path("mode").asText(null);
    JsonNode body = mode == null ? null : n.path("req").path(mode);
    String id = body == null ? null : body.path("id").asText(null);
    if (id == null || !(mode.equals("start") || mode.equals("end"))) {
      invalid.add(line);
      return;
    }
    Map<String, byte[]> mine = mode.equals("start") ? starts : ends;
    Map<String, byte[]> other = mode.equals("start") ? ends : starts;
    byte[] partner = other.remove(id);
    if (partner == null) {
      mine.put(id, line);
      while (starts.size() + ends.size() > maxUnpaired) {
        Map<String, byte[]> from = starts.size() >= ends.size() ? starts : ends;
        Iterator<byte[]> it = from.values().iterator();
        overflow.add(it.next());
        it.remove();
      }
      return;
    }
    byte[] start = mode.equals("start") ? line : partner;
    byte[] end = mode.equals("start") ? partner : line;
    out.add(new Outbound(complete(start, end), List.of(start, end)));
  }

  /** Every line still waiting for its partner; the pairer is empty after. */
  List<byte[]> drain() {
    List<byte[]> all = new ArrayList<>(starts.values());
    all.addAll(ends.values());
    starts.clear();
    ends.clear();
    return all;
  }

  int unpaired() {
    return starts.size() + ends.size();
  }

  /** The union of the start's and the end's fields. */
  static byte[] complete(byte[] startLine, byte[] endLine) {
    try {
      ObjectNode call = (ObjectNode) ItemLines.JSON.readTree(startLine).path("req").path("start");
      JsonNode end = ItemLines.JSON.readTree(endLine).path("req").path("end");
      end.fields()
          .forEachRemaining(
              e -> {
                if (!e.getKey().equals("id") && !e.getKey().equals("project_id")) {
                  call.set(e.getKey(), e.getValue());
                }
              });
      return ItemLines.JSON.writeValueAsBytes(call);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("unreadable call record", e);
    }
  }
}
