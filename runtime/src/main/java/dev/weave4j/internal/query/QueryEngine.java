package dev.weave4j.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Internal, unstable. Runs a calls query over rows: filter, {@code $expr}, sort, offset, limit and
 * columns. The one evaluator behind the local server and the local-store client. Rows are given
 * oldest first (by start time, then id); when the query sorts by nothing else, they are paged
 * without sorting, so a limited query stops early.
 */
public final class QueryEngine {

  private QueryEngine() {}

  /** The predicate of the request's filter and {@code $expr}. */
  public static Predicate<CallRow> predicate(CallsQueryRequest req) {
    CallsFilter filter = req.filter();
    Expr expr = req.expr();
    return expr == null ? filter::test : row -> filter.test(row) && expr.test(row);
  }

  /**
   * One page of matching calls, projected to the request's columns.
   *
   * @param rowsOldestFirst the candidate rows, by start time then id
   * @param rowsNewestFirst the same rows in reverse, for a {@code started_at desc} query (or null)
   */
  public static List<ObjectNode> run(
      CallsQueryRequest req,
      Iterable<? extends CallRow> rowsOldestFirst,
      Iterable<? extends CallRow> rowsNewestFirst) {
    List<ObjectNode> out = new ArrayList<>();
    run(req, rowsOldestFirst, rowsNewestFirst, out::add);
    return out;
  }

  /**
   * Streams the matching calls, projected, to {@code sink} as they are found (when no sort is
   * needed, nothing but the current call is held in memory).
   */
  public static void run(
      CallsQueryRequest req,
      Iterable<? extends CallRow> rowsOldestFirst,
      Iterable<? extends CallRow> rowsNewestFirst,
      Consumer<ObjectNode> sink) {
    Predicate<CallRow> match = predicate(req);
    int offset = req.offset();
    int limit = req.limit() == null ? Integer.MAX_VALUE : req.limit();
    Iterable<? extends CallRow> ordered = startOrder(req, rowsOldestFirst, rowsNewestFirst);
    if (ordered != null) {
      Iterator<? extends CallRow> it = ordered.iterator();
      int skipped = 0;
      int sent = 0;
      while (it.hasNext() && sent < limit) {
        CallRow row = it.next();
        if (match.test(row)) {
          if (skipped < offset) {
            skipped++;
          } else {
            sink.accept(Columns.project(row.call(), req.columns()));
            sent++;
          }
        }
      }
    } else {
      // Keep only the sort keys of each match, so sorting a million calls by a field of their
      // bodies holds keys, not bodies; the page's calls are read again to answer.
      List<SortBy> sorts = req.sortBy();
      List<Keyed> all = new ArrayList<>();
      for (CallRow row : rowsOldestFirst) {
        if (match.test(row)) {
          all.add(new Keyed(row, SortBy.keys(row, sorts)));
          row.release();
        }
      }
      all.sort((a, b) -> SortBy.compareKeys(a.keys, b.keys, sorts));
      int from = Math.min(offset, all.size());
      int to = (int) Math.min(all.size(), (long) from + limit);
      for (Keyed k : all.subList(from, to)) {
        sink.accept(Columns.project(k.row.call(), req.columns()));
      }
    }
  }

  /** A matching row and its sort keys. */
  private record Keyed(CallRow row, JsonNode[] keys) {}

  /** How many calls match (ignoring offset; capped by the request's limit, as the server does). */
  public static long count(CallsQueryRequest req, Iterable<? extends CallRow> rows) {
    Predicate<CallRow> match = predicate(req);
    long n = 0;
    long cap = req.limit() == null ? Long.MAX_VALUE : req.limit();
    for (CallRow row : rows) {
      if (n >= cap) {
        break;
      }
      if (match.test(row)) {
        n++;
      }
    }
    return n;
  }

  /** The rows in the requested order without sorting, or null when a sort is needed. */
  private static Iterable<? extends CallRow> startOrder(
      CallsQueryRequest req,
      Iterable<? extends CallRow> oldestFirst,
      Iterable<? extends CallRow> newestFirst) {
    List<SortBy> sorts = req.sortBy();
    if (sorts.isEmpty()) {
      return oldestFirst;
    }
    if (sorts.size() == 1 && sorts.get(0).field().equals("started_at")) {
      return sorts.get(0).descending() ? newestFirst : oldestFirst;
    }
    return null;
  }
}
