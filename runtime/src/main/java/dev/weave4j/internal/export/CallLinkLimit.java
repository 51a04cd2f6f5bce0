package dev.weave4j.internal.export;

import java.util.function.Function;

/**
 * Internal, unstable. The link of each of the first {@code limit} root calls, then once a line
 * saying how to see the rest, then nothing (null): a server handling many requests must not flood
 * stderr.
 */
public final class CallLinkLimit implements Function<String, String> {

  private final Function<String, String> link;
  private final int limit;
  private final String more;
  private int printed;

  /**
   * @param link the link text of a root call id
   * @param limit how many links to print
   * @param more the line printed once instead of the next link
   */
  public CallLinkLimit(Function<String, String> link, int limit, String more) {
    this.link = link;
    this.limit = limit;
    this.more = more;
  }

  /** The text to print for root call {@code id}, or null for nothing. */
  @Override
  public String apply(String id) {
    return apply(link, id);
  }

  /**
   * The same limit for another text of a root call (e.g. for a call not sent): both count towards
   * one limit.
   */
  public Function<String, String> sharing(Function<String, String> otherLink) {
    return id -> apply(otherLink, id);
  }

  private synchronized String apply(Function<String, String> text, String id) {
    int n = printed++;
    if (n < limit) {
      return text.apply(id);
    }
    return n == limit ? more : null;
  }
}
