package dev.weave4j.internal.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.internal.query.CallsQueryRequest;
import dev.weave4j.internal.store.ProjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Internal, unstable. The client API over the local store ({@code <local_dir>/<entity>/<project>}):
 * reads see everything appended so far (by any process), changes are appended to this process's own
 * {@code -api.jsonl} file in the store's format.
 */
public final class LocalCallsBackend implements CallsBackend {

  private final Path localDir;
  private final Map<String, ProjectStore> projects = new HashMap<>();

  public LocalCallsBackend(Path localDir) {
    this.localDir = localDir;
  }

  private synchronized ProjectStore project(String projectId) {
    ProjectStore p = projects.get(projectId);
    if (p == null) {
      int slash = projectId.indexOf('/');
      Path dir =
          slash < 0
              ? localDir.resolve(projectId)
              : localDir
                  .resolve(projectId.substring(0, slash))
                  .resolve(projectId.substring(slash + 1));
      p = ProjectStore.open(dir, projectId, "api");
      projects.put(projectId, p);
    } else {
      p.refresh();
    }
    return p;
  }

  @Override
  public Optional<ObjectNode> readCall(String projectId, String callId) {
    return project(projectId).call(callId);
  }

  @Override
  public List<ObjectNode> queryCalls(CallsQueryRequest req) {
    return project(req.projectId()).query(req);
  }

  @Override
  public long countCalls(CallsQueryRequest req) {
    return project(req.projectId()).count(req);
  }

  @Override
  public int deleteCalls(String projectId, List<String> callIds) {
    return project(projectId).delete(callIds);
  }

  @Override
  public void updateDisplayName(String projectId, String callId, String displayName) {
    project(projectId).updateDisplayName(callId, displayName);
  }

  @Override
  public ObjectNode createFeedback(ObjectNode req) {
    return project(req.path("project_id").asText()).createFeedback(req);
  }

  @Override
  public List<ObjectNode> queryFeedback(String projectId, String weaveRef) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode f : project(projectId).feedback()) {
      if (weaveRef.equals(f.path("weave_ref").asText())) {
        out.add(f);
      }
    }
    return out;
  }

  @Override
  public synchronized void close() {
    projects.values().forEach(ProjectStore::close);
    projects.clear();
  }
}
