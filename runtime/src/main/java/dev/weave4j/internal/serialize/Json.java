package dev.weave4j.internal.serialize;

import com.fasterxml.jackson.core.JsonFactory;

/** The one shared Jackson factory of the serializer package (thread-safe, stateless). */
final class Json {

  static final JsonFactory FACTORY = JsonFactory.builder().build();

  private Json() {}
}
