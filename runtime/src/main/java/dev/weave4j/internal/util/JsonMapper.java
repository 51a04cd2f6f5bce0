package dev.weave4j.internal.util;

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

  private static final class Holder {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
}
