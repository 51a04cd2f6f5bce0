package dev.weave4j;

/**
 * A change to the current tracing context (attributes, thread, tracing disabled, ...) that lasts
 * until {@link #close()}; use with try-with-resources. Closing restores what the scope changed,
 * even when scopes are closed out of order; closing twice does nothing.
 */
public interface WeaveScope extends AutoCloseable {

  /** Ends the scope. Never throws. */
  @Override
  void close();
}
