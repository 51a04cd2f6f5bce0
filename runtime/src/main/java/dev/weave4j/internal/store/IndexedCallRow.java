package dev.weave4j.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.weave4j.internal.query.CallRow;
import dev.weave4j.internal.util.Timestamps;
import java.util.function.Function;

/**
 * A call of the index as a query row: ids, op name, display name, thread, turn and times come from
 * memory; any other field reads the call from disk once.
 */
final class IndexedCallRow implements CallRow {

  private final CallEntry entry;
  private final CallIndex index;
  private final Function<CallEntry, ObjectNode> materializer;
  private ObjectNode call;

  IndexedCallRow(CallEntry entry, CallIndex index, Function<CallEntry, ObjectNode> materializer) {
    this.entry = entry;
    this.index = index;
    this.materializer = materializer;
  }

  @Override
  public JsonNode field(String name) {
    switch (name) {
      case "id":
        return TextNode.valueOf(entry.id());
      case "trace_id":
        return text(entry.traceId);
      case "parent_id":
        return text(entry.parentId());
      case "op_name":
        return text(entry.opName);
      case "display_name":
        return text(index.displayName(entry));
      case "thread_id":
        return text(entry.threadId);
      case "turn_id":
        return text(entry.turnId);
      case "started_at":
        return TextNode.valueOf(Timestamps.iso(entry.startedMicros));
      case "ended_at":
        return entry.endedMicros < 0 ? null : TextNode.valueOf(Timestamps.iso(entry.endedMicros));
      case "deleted_at":
        return null;
      default:
        if (name.equals("exception") && !entry.hasException) {
          return null;
        }
        return call().get(name);
    }
  }

  @Override
  public ObjectNode call() {
    if (call == null) {
      call = materializer.apply(entry);
    }
    return call;
  }

  @Override
  public void release() {
    call = null;
  }

  private static JsonNode text(String s) {
    return s == null ? NullNode.getInstance() : TextNode.valueOf(s);
  }
}
