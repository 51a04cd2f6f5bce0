package dev.weave4j.internal.export;

import dev.weave4j.internal.util.CallId;
import java.nio.charset.StandardCharsets;

/** Small records for export tests. */
final class TestRecords {

  private TestRecords() {}

  static StartRecord start(String id) {
    return start(id, null, false);
  }

  static StartRecord start(String id, String parentId, boolean rootLink) {
    return new StartRecord(
        "acme/chat",
        CallId.of(id),
        CallId.of("trace-" + id),
        parentId == null ? null : CallId.of(parentId),
        "Op.run",
        null,
        1_700_000_000_000_000L,
        json("{}"),
        JsonPart.of(json("{\"x\":1}")),
        null,
        null,
        rootLink);
  }

  static EndRecord end(String id) {
    return new EndRecord(
        "acme/chat",
        CallId.of(id),
        1_700_000_000_000_001L,
        JsonPart.of(json("\"ok\"")),
        null,
        json("{}"));
  }

  static String idOf(CallRecord r) {
    if (r instanceof StartRecord s) {
      return s.id().toString();
    }
    return ((EndRecord) r).id().toString();
  }

  static byte[] json(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
