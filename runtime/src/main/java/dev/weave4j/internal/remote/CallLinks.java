package dev.weave4j.internal.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.WeaveSettings;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Internal, unstable. Where a person looks at a call ({@code Call.uiUrl()}): nowhere in local mode;
 * for weave4j's own {@code serve}, its viewer page at {@code
 * <server>/#/<entity>/<project>/call/<id>}; for any other server, the W&B Weave UI page {@code
 * <ui>/<entity>/<project>/r/call/<id>}, as the Python SDK links calls. Whether the server is {@code
 * serve} is what its {@code /server_info} says ({@code weave4j_viewer}); it is asked once per
 * server URL, by the background start-up check or, if that has not answered yet, when a link is
 * first wanted.
 */
public final class CallLinks {

  /** Server URL → whether it is weave4j's serve (has the viewer page). */
  private static final Map<String, Boolean> VIEWER = new ConcurrentHashMap<>();

  private final WeaveSettings settings;

  public CallLinks(WeaveSettings settings) {
    this.settings = settings;
  }

  /** The page showing call {@code callId}, or empty in local mode. */
  public Optional<String> uiUrl(String callId) {
    if (settings.effectiveMode() != WeaveSettings.Mode.REMOTE) {
      return Optional.empty();
    }
    String server = trimmed(settings.serverUrl());
    if (isServe(server)) {
      return Optional.of(server + "/#/" + settings.projectId() + "/call/" + callId);
    }
    return Optional.of(wandbUi(settings) + settings.projectId() + "/r/call/" + callId);
  }

  /** {@code <ui>/} for the W&B UI of this server: {@code https://wandb.ai/} for the default one. */
  public static String wandbUi(WeaveSettings settings) {
    String server = trimmed(settings.serverUrl());
    if (server.equals(WeaveSettings.DEFAULT_SERVER_URL)) {
      return "https://wandb.ai/";
    }
    if (server.endsWith("/traces")) {
      return server.substring(0, server.length() - "/traces".length()) + "/";
    }
    return server + "/";
  }

  /** Records what a server's {@code /server_info} answered. */
  static void serverInfo(String serverUrl, byte[] body) {
    VIEWER.put(trimmed(serverUrl), isServe(body));
  }

  private boolean isServe(String server) {
    if (server.equals(WeaveSettings.DEFAULT_SERVER_URL)) {
      return false; // W&B's own
    }
    Boolean known = VIEWER.get(server);
    if (known != null) {
      return known;
    }
    try (TraceServer http = new HttpTraceServer(ServerConfig.of(settings), 2_000, 2_000)) {
      Response r = http.get("/server_info");
      if (r.ok()) {
        VIEWER.put(server, isServe(r.body()));
        return VIEWER.get(server);
      }
      return false; // not cached: ask again next time
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean isServe(byte[] body) {
    JsonNode n = ItemLines.tree(body);
    return n != null && n.path("weave4j_viewer").asBoolean(false);
  }

  private static String trimmed(String url) {
    return url.replaceAll("/+$", "");
  }
}
