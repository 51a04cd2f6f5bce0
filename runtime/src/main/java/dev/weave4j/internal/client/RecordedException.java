package dev.weave4j.internal.client;

/**
 * Internal, unstable. The exception of a call read back from a store or server: Weave keeps only
 * its JSON ({@code {"type", "message", "traceback"}}) or text, so this stands in for the original.
 */
public final class RecordedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String type;

  RecordedException(String type, String message) {
    super(message, null, false, false);
    this.type = type;
  }

  /** The recorded exception class name (e.g. {@code java.io.IOException}), or null. */
  public String type() {
    return type;
  }

  @Override
  public String toString() {
    String m = getMessage();
    return type == null ? String.valueOf(m) : m == null ? type : type + ": " + m;
  }
}
