package dev.weave4j;

/** A connection to one Weave project. Thread-safe. */
public interface WeaveClient extends AutoCloseable {

  /** The project id, {@code entity/project}. */
  String projectId();

  /** Waits (bounded) until every call recorded so far has been exported. */
  void flush();

  /** Flushes and stops this client. */
  @Override
  void close();
}
