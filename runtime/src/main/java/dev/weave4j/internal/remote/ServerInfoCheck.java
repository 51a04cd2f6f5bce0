package dev.weave4j.internal.remote;

import dev.weave4j.internal.Diagnostics;
import java.io.IOException;

/**
 * Internal, unstable. Asks {@code GET /server_info} once, on a daemon thread, so the application
 * never waits for the network; logs where traces go, or why the server cannot be used yet.
 */
public final class ServerInfoCheck {

  private ServerInfoCheck() {}

  /** Starts the check in the background. */
  public static void startInBackground(ServerConfig config) {
    Thread t = new Thread(() -> check(config), "weave4j-server-info");
    t.setDaemon(true);
    t.start();
  }

  static void check(ServerConfig config) {
    try (TraceServer server = new HttpTraceServer(config, 10_000, 10_000)) {
      Response r = server.get("/server_info");
      if (r.ok()) {
        CallLinks.serverInfo(config.baseUrl(), r.body());
        Diagnostics.log()
            .info(
                "weave4j: logging to "
                    + config.baseUrl()
                    + ", project "
                    + config.projectId()
                    + " (server_info: "
                    + RemoteExporter.utf8(r.body()).strip()
                    + ")");
      } else {
        Diagnostics.log()
            .warning(
                "weave4j: "
                    + config.baseUrl()
                    + "/server_info answered HTTP "
                    + r.status()
                    + ": "
                    + r.message()
                    + "; calls are still recorded and spooled in "
                    + config.spoolDir()
                    + " if they cannot be sent");
      }
    } catch (IOException | RuntimeException e) {
      Diagnostics.log()
          .warning(
              "weave4j: cannot reach the trace server "
                  + config.baseUrl()
                  + " ("
                  + e.getClass().getSimpleName()
                  + "); calls are kept in "
                  + config.spoolDir()
                  + " until it answers");
    }
  }
}
