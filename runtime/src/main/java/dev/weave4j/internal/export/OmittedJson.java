package dev.weave4j.internal.export;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Internal, unstable. A value left out of a record because it was larger than the room left in the
 * queue ({@code weave.max_queue_bytes}): its approximate size as a marker string, or, for inputs
 * (which must stay an object), an object holding that marker under the key {@code "…"}.
 *
 * @param bytes the approximate size of the value left out
 * @param object whether to write an object rather than a string
 */
record OmittedJson(int bytes, boolean object) implements JsonPart {

  /** Room a marker takes in the queue. */
  static final int ESTIMATED_BYTES = 112;

  @Override
  public void writeTo(JsonGenerator g) throws IOException {
    String marker =
        "…[not recorded: about "
            + bytes
            + " bytes, more than the trace queue had room for (weave.max_queue_bytes)]";
    if (object) {
      g.writeStartObject();
      g.writeStringField("…", marker);
      g.writeEndObject();
    } else {
      g.writeString(marker);
    }
  }

  @Override
  public int estimatedBytes() {
    return ESTIMATED_BYTES;
  }
}
