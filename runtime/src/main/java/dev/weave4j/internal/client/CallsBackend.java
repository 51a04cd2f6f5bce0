package dev.weave4j.internal.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.internal.query.CallsQueryRequest;
import java.util.List;
import java.util.Optional;

/**
 * Internal, unstable. Where the client API reads and changes calls: the local store directly, or a
 * Weave trace server over HTTP. Bodies and results are shaped as the Weave HTTP API's (CallSchema,
 * {@code FeedbackCreateReq}, ...).
 */
public interface CallsBackend extends AutoCloseable {

  /** {@code /call/read}. */
  Optional<ObjectNode> readCall(String projectId, String callId);

  /** One page of {@code /calls/stream_query}. */
  List<ObjectNode> queryCalls(CallsQueryRequest req);

  /** {@code /calls/query_stats} count. */
  long countCalls(CallsQueryRequest req);

  /** {@code /calls/delete}; returns {@code num_deleted}. */
  int deleteCalls(String projectId, List<String> callIds);

  /** {@code /call/update} of the display name ({@code ""} removes it). */
  void updateDisplayName(String projectId, String callId, String displayName);

  /** {@code /feedback/create}; returns the {@code FeedbackCreateRes}. */
  ObjectNode createFeedback(ObjectNode req);

  /** {@code /feedback/query} for one target ref, oldest first. */
  List<ObjectNode> queryFeedback(String projectId, String weaveRef);

  @Override
  void close();
}
