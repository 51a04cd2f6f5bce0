package dev.weave4j.internal.util;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Internal, unstable. The runtime's one Jackson {@code ObjectMapper}, created on first use: its
 * classes cost start-up time that tracing alone never needs (the tracer writes with the streaming
 * generator). Default configuration, never changed, so it is safe to share between threads.
 */
public final class JsonMapper {

  private JsonMapper() {}

  /** The shared mapper. */
  public static ObjectMapper get() {
    return Holder.MAPPER;
  }

  /**
   * A mapper without Jackson's limit on string lengths (20 M characters), for JSON whose size is
   * already bounded otherwise: store lines (a value recorded once must stay readable) and request
   * bodies under {@code serve}'s body limit.
   */
  public static ObjectMapper forBoundedInput() {
    return Holder.UNBOUNDED_STRINGS;
  }

  private static final class Holder {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final ObjectMapper UNBOUNDED_STRINGS =
        new ObjectMapper(
            JsonFactory.builder()
                .streamReadConstraints(
                    StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                .build());
  }
}
