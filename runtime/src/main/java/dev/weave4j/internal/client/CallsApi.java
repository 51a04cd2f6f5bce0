package dev.weave4j.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.Call;
import dev.weave4j.CallFeedback;
import dev.weave4j.CallsQuery;
import dev.weave4j.WeaveClient;
import dev.weave4j.internal.query.CallsFilter;
import dev.weave4j.internal.query.CallsQueryRequest;
import dev.weave4j.internal.query.SortBy;
import dev.weave4j.internal.util.JsonMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Internal, unstable. The read and change half of {@link WeaveClient} for one project: turns {@link
 * CallsQuery} into requests for a {@link CallsBackend}, pages lazily, and hands out calls that can
 * be renamed, deleted and given feedback. Calls recorded so far are flushed before every request,
 * so what was traced is what is read.
 */
public final class CallsApi {

  /** Calls fetched per {@code /calls/stream_query} request, as the Python SDK pages. */
  static final int PAGE_SIZE = 1000;

  private final String projectId;
  private final CallsBackend backend;
  private final Runnable flush;

  /**
   * @param flush run before every request (e.g. flushes pending trace records)
   */
  public CallsApi(String projectId, CallsBackend backend, Runnable flush) {
    this.projectId = projectId;
    this.backend = backend;
    this.flush = flush;
  }

  /** {@link WeaveClient#getCall}. */
  public Optional<Call> getCall(String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("call id must not be empty");
    }
    flush.run();
    return backend.readCall(projectId, id).map(this::call);
  }

  /** {@link WeaveClient#getCalls}: lazily paged. */
  public Stream<Call> getCalls(CallsQuery query) {
    CallsQueryRequest req = request(query);
    Iterator<Call> pages = new PageIterator(req);
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /** {@link WeaveClient#countCalls}. */
  public long countCalls(CallsQuery query) {
    flush.run();
    return backend.countCalls(request(query));
  }

  /** {@link WeaveClient#deleteCalls}. */
  public int deleteCalls(Collection<String> callIds) {
    if (callIds == null) {
      throw new IllegalArgumentException("call ids must not be null");
    }
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(callIds));
    if (ids.size() > WeaveClient.MAX_DELETE_CALLS) {
      throw new IllegalArgumentException(
          "cannot delete "
              + ids.size()
              + " calls at once: at most "
              + WeaveClient.MAX_DELETE_CALLS
              + " ids per deleteCalls (descendants are deleted too and do not count)");
    }
    if (ids.isEmpty()) {
      return 0;
    }
    for (String id : ids) {
      if (id == null || id.isEmpty()) {
        throw new IllegalArgumentException("call ids must not be null or empty");
      }
    }
    flush.run();
    return backend.deleteCalls(projectId, ids);
  }

  /** Renames a call ({@code ""} removes the name). */
  public void updateDisplayName(String callId, String displayName) {
    flush.run();
    backend.updateDisplayName(projectId, callId, displayName);
  }

  /** The direct children of a call, oldest first. */
  public List<Call> children(String callId) {
    return getCalls(CallsQuery.builder().parentIds(callId).build()).toList();
  }

  /** The feedback of a call. */
  public CallFeedback feedback(String callId) {
    return new CallFeedbackImpl(backend, projectId, callId);
  }

  /** The backend, closed with the client. */
  public CallsBackend backend() {
    return backend;
  }

  Call call(ObjectNode node) {
    return new QueriedCall(node, this);
  }

  /** The wire request for a query of this project. */
  CallsQueryRequest request(CallsQuery q) {
    List<SortBy> sorts = new ArrayList<>();
    for (CallsQuery.Sort s : q.sort()) {
      sorts.add(new SortBy(s.field(), s.direction() == CallsQuery.Direction.DESC));
    }
    JsonNode where = null;
    if (q.where().isPresent()) {
      try {
        ObjectNode w = JsonMapper.get().createObjectNode();
        w.set("$expr", JsonMapper.get().readTree(q.where().get().toJson()));
        where = w;
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("invalid query condition", e);
      }
    }
    CallsFilter filter =
        new CallsFilter(
            q.opNames(),
            q.inputRefs(),
            q.outputRefs(),
            q.parentIds(),
            q.traceIds(),
            q.callIds(),
            q.threadIds(),
            q.turnIds(),
            q.traceRootsOnly() ? Boolean.TRUE : null,
            q.wbUserIds(),
            q.wbRunIds());
    CallsQueryRequest req =
        new CallsQueryRequest(
            projectId,
            filter,
            where,
            sorts,
            q.limit().orElse(null),
            q.offset(),
            q.columns(),
            false);
    req.expr(); // fails early, with the field named, on an invalid condition
    return req;
  }

  /** Fetches pages of at most {@link #PAGE_SIZE} as they are consumed. */
  private final class PageIterator implements Iterator<Call> {
    private final CallsQueryRequest req;
    private final long end;
    private long next;
    private Iterator<ObjectNode> page = List.<ObjectNode>of().iterator();
    private boolean exhausted;

    PageIterator(CallsQueryRequest req) {
      this.req = req;
      this.next = req.offset();
      this.end = req.limit() == null ? Long.MAX_VALUE : (long) req.offset() + req.limit();
    }

    @Override
    public boolean hasNext() {
      while (!page.hasNext() && !exhausted) {
        if (next >= end) {
          exhausted = true;
          break;
        }
        int size = (int) Math.min(PAGE_SIZE, end - next);
        if (next == req.offset()) {
          flush.run();
        }
        List<ObjectNode> calls = backend.queryCalls(req.page((int) next, size));
        next += calls.size();
        exhausted = calls.size() < size;
        page = calls.iterator();
      }
      return page.hasNext();
    }

    @Override
    public Call next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return call(page.next());
    }
  }
}
