package dev.weave4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A query for {@link WeaveClient#getCalls} and {@link WeaveClient#countCalls}: the filter fields of
 * Weave's {@code /calls/stream_query}, a {@code $expr} condition, sort order, offset, limit and
 * columns. Immutable; build with {@link #builder()}. Every filter field that is set must match (a
 * call matches a list when it matches any of its values); {@link #all()} matches every call.
 *
 * <p>Without a sort order, calls come oldest first (by start time). Op names match a call's op name
 * exactly, as an op ref with digest {@code *} ({@code weave:///entity/project/op/name:*}), or by
 * the plain op name of the call's op ref.
 */
public final class CallsQuery {

  /** Sort direction. */
  public enum Direction {
    ASC,
    DESC
  }

  /** One sort key: a CallSchema field or dotted path, and a direction. */
  public record Sort(String field, Direction direction) {
    public Sort {
      if (field == null || field.isEmpty()) {
        throw new IllegalArgumentException("sort field must not be empty");
      }
      if (direction == null) {
        throw new IllegalArgumentException("sort direction must not be null");
      }
    }
  }

  private static final CallsQuery ALL = builder().build();

  private final List<String> opNames;
  private final List<String> inputRefs;
  private final List<String> outputRefs;
  private final List<String> parentIds;
  private final List<String> traceIds;
  private final List<String> callIds;
  private final List<String> threadIds;
  private final List<String> turnIds;
  private final List<String> wbUserIds;
  private final List<String> wbRunIds;
  private final boolean traceRootsOnly;
  private final QueryExpr where;
  private final List<Sort> sort;
  private final Integer limit;
  private final int offset;
  private final List<String> columns;

  private CallsQuery(Builder b) {
    this.opNames = copy(b.opNames);
    this.inputRefs = copy(b.inputRefs);
    this.outputRefs = copy(b.outputRefs);
    this.parentIds = copy(b.parentIds);
    this.traceIds = copy(b.traceIds);
    this.callIds = copy(b.callIds);
    this.threadIds = copy(b.threadIds);
    this.turnIds = copy(b.turnIds);
    this.wbUserIds = copy(b.wbUserIds);
    this.wbRunIds = copy(b.wbRunIds);
    this.traceRootsOnly = b.traceRootsOnly;
    this.where = b.where;
    this.sort = List.copyOf(b.sort);
    this.limit = b.limit;
    this.offset = b.offset;
    this.columns = copy(b.columns);
  }

  /** Every call of the project, oldest first. */
  public static CallsQuery all() {
    return ALL;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this query, to derive another. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.opNames = opNames;
    b.inputRefs = inputRefs;
    b.outputRefs = outputRefs;
    b.parentIds = parentIds;
    b.traceIds = traceIds;
    b.callIds = callIds;
    b.threadIds = threadIds;
    b.turnIds = turnIds;
    b.wbUserIds = wbUserIds;
    b.wbRunIds = wbRunIds;
    b.traceRootsOnly = traceRootsOnly;
    b.where = where;
    b.sort = new ArrayList<>(sort);
    b.limit = limit;
    b.offset = offset;
    b.columns = columns;
    return b;
  }

  /** Op names (null when not filtered). */
  public List<String> opNames() {
    return opNames;
  }

  /** Refs that must appear in the inputs (null when not filtered). */
  public List<String> inputRefs() {
    return inputRefs;
  }

  /** Refs that must appear in the output (null when not filtered). */
  public List<String> outputRefs() {
    return outputRefs;
  }

  /** Parent call ids (null when not filtered). */
  public List<String> parentIds() {
    return parentIds;
  }

  /** Trace ids (null when not filtered). */
  public List<String> traceIds() {
    return traceIds;
  }

  /** Call ids (null when not filtered). */
  public List<String> callIds() {
    return callIds;
  }

  /** Thread ids (null when not filtered). */
  public List<String> threadIds() {
    return threadIds;
  }

  /** Turn ids (null when not filtered). */
  public List<String> turnIds() {
    return turnIds;
  }

  /** W&amp;B user ids (null when not filtered). */
  public List<String> wbUserIds() {
    return wbUserIds;
  }

  /** W&amp;B run ids (null when not filtered). */
  public List<String> wbRunIds() {
    return wbRunIds;
  }

  /** Whether only root calls (no parent) match. */
  public boolean traceRootsOnly() {
    return traceRootsOnly;
  }

  /** The {@code $expr} condition, if any. */
  public Optional<QueryExpr> where() {
    return Optional.ofNullable(where);
  }

  /** Sort keys, most significant first. */
  public List<Sort> sort() {
    return sort;
  }

  /** At most this many calls, if limited. */
  public Optional<Integer> limit() {
    return Optional.ofNullable(limit);
  }

  /** Calls skipped before the first one returned. */
  public int offset() {
    return offset;
  }

  /** The columns to return (null for all; id, trace, op and start are always returned). */
  public List<String> columns() {
    return columns;
  }

  private static List<String> copy(List<String> l) {
    return l == null ? null : List.copyOf(l);
  }

  @Override
  public String toString() {
    return "CallsQuery[opNames="
        + opNames
        + ", callIds="
        + callIds
        + ", traceIds="
        + traceIds
        + ", parentIds="
        + parentIds
        + ", traceRootsOnly="
        + traceRootsOnly
        + ", where="
        + where
        + ", sort="
        + sort
        + ", limit="
        + limit
        + ", offset="
        + offset
        + "]";
  }

  /** Builds a {@link CallsQuery}; not thread-safe. */
  public static final class Builder {
    private List<String> opNames;
    private List<String> inputRefs;
    private List<String> outputRefs;
    private List<String> parentIds;
    private List<String> traceIds;
    private List<String> callIds;
    private List<String> threadIds;
    private List<String> turnIds;
    private List<String> wbUserIds;
    private List<String> wbRunIds;
    private boolean traceRootsOnly;
    private QueryExpr where;
    private List<Sort> sort = new ArrayList<>();
    private Integer limit;
    private int offset;
    private List<String> columns;

    private Builder() {}

    public Builder opNames(String... names) {
      opNames = list(names);
      return this;
    }

    public Builder opNames(Collection<String> names) {
      opNames = list(names);
      return this;
    }

    public Builder inputRefs(String... refs) {
      inputRefs = list(refs);
      return this;
    }

    public Builder outputRefs(String... refs) {
      outputRefs = list(refs);
      return this;
    }

    public Builder parentIds(String... ids) {
      parentIds = list(ids);
      return this;
    }

    public Builder traceIds(String... ids) {
      traceIds = list(ids);
      return this;
    }

    public Builder callIds(String... ids) {
      callIds = list(ids);
      return this;
    }

    public Builder callIds(Collection<String> ids) {
      callIds = list(ids);
      return this;
    }

    public Builder threadIds(String... ids) {
      threadIds = list(ids);
      return this;
    }

    public Builder turnIds(String... ids) {
      turnIds = list(ids);
      return this;
    }

    public Builder wbUserIds(String... ids) {
      wbUserIds = list(ids);
      return this;
    }

    public Builder wbRunIds(String... ids) {
      wbRunIds = list(ids);
      return this;
    }

    /** Only root calls (no parent). */
    public Builder traceRootsOnly(boolean rootsOnly) {
      traceRootsOnly = rootsOnly;
      return this;
    }

    /** The {@code $expr} condition (replaces an earlier one). */
    public Builder where(QueryExpr condition) {
      where = condition;
      return this;
    }

    /**
     * The condition as raw JSON: either an operation or a whole {@code {"$expr": operation}}.
     *
     * @throws IllegalArgumentException when it is not a JSON object
     */
    public Builder whereJson(String json) {
      QueryExpr q = QueryExpr.raw(json);
      if (q.node().size() == 1 && q.node().has("$expr")) {
        q = QueryExpr.raw(q.node().get("$expr").toString());
      }
      where = q;
      return this;
    }

    /** Adds a sort key (after those added before). */
    public Builder sortBy(String field, Direction direction) {
      sort.add(new Sort(field, direction));
      return this;
    }

    /** At most {@code limit} calls (&gt;= 0). */
    public Builder limit(int limit) {
      if (limit < 0) {
        throw new IllegalArgumentException("limit must not be negative: " + limit);
      }
      this.limit = limit;
      return this;
    }

    /** Skips the first {@code offset} matching calls (&gt;= 0). */
    public Builder offset(int offset) {
      if (offset < 0) {
        throw new IllegalArgumentException("offset must not be negative: " + offset);
      }
      this.offset = offset;
      return this;
    }

    /** Returns only these columns (plus the ones always returned). */
    public Builder columns(String... names) {
      columns = list(names);
      return this;
    }

    public CallsQuery build() {
      return new CallsQuery(this);
    }

    private static List<String> list(String... values) {
      return list(Arrays.asList(values));
    }

    private static List<String> list(Collection<String> values) {
      for (String v : values) {
        if (v == null) {
          throw new IllegalArgumentException("filter values must not be null");
        }
      }
      return List.copyOf(values);
    }
  }
}
