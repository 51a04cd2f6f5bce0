package dev.weave4j.internal.serialize;

/** Internal, unstable. Weave's exception string: JSON of type, message and traceback. */
public final class ExceptionJson {

  private ExceptionJson() {}

  /** The Weave exception JSON string of {@code t}. Never throws. */
  public static String of(Throwable t) {
    throw new UnsupportedOperationException("TODO");
  }
}
