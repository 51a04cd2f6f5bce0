package dev.weave4j.internal.query;

/**
 * Internal, unstable. A query or request that is not valid: the server answers it with 422 and this
 * message, the clients throw it as an {@link IllegalArgumentException}.
 */
public final class QueryException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The request field the problem is in, e.g. {@code query.$expr.$eq}. */
  private final String location;

  private final String reason;

  public QueryException(String location, String message) {
    super(location + ": " + message);
    this.location = location;
    this.reason = message;
  }

  /** The problem, without the location. */
  public String reason() {
    return reason;
  }

  /** Pydantic's error type for this problem: {@code extra_forbidden} or {@code value_error}. */
  public String type() {
    return reason.startsWith("extra inputs") ? "extra_forbidden" : "value_error";
  }

  /** The request field the problem is in. */
  public String location() {
    return location;
  }
}
