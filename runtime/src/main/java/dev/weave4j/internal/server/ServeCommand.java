package dev.weave4j.internal.server;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Internal, unstable. {@code java -jar weave-agent.jar serve}: parses the flags, starts the {@link
 * TraceServer}, prints its URL as the first line of standard output and serves until the process is
 * stopped.
 */
public final class ServeCommand {

  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "Usage: java -jar weave-agent.jar serve [options]",
          "",
          "A Weave-compatible trace server over the local store: the Weave trace server's HTTP API",
          "(/call/upsert_batch, /v2/{entity}/{project}/calls/complete, /calls/stream_query,",
          "/call/read, /calls/query_stats, /call/update, /calls/delete, /feedback/create,",
          "/feedback/query, /obj/create, /obj/read, /files/create, /files/content, /health,",
          "/server_info) and a trace viewer page at /. Writes go into <dir>/<entity>/<project>/ in",
          "the local-store format. The first line printed is the server's URL.",
          "",
          "Options:",
          "  --port <n>           port (default 6345; 0 picks a free one)",
          "  --host <address>     address to bind (default 127.0.0.1). Any other than a loopback",
          "                       address needs --api-key",
          "  --api-key <key>      require 'Authorization: Basic base64(api:<key>)' (or",
          "                       'Bearer <key>') on every request but GET /health, /server_info",
          "  --dir <local_dir>    the local store folder (default: weave.local_dir, else .weave)",
          "  --allowed-hosts <h,...> Host header names accepted besides localhost, 127.0.0.1",
          "                       and [::1] ('*': any). Others get 400 (DNS rebinding). Bound to",
          "                       a non-loopback --host without this flag, any name is accepted",
          "  --read-timeout <s>   close connections whose request headers, or whose body, take",
          "                       longer than s seconds to arrive (default 30)",
          "  --max-body-bytes <b> answer 413 to request bodies larger than b bytes (default",
          "                       31 MiB, as the Weave server)",
          "  --project-idle-timeout <s> close a project no request used for s seconds; it is",
          "                       indexed again on its next request (default 600; 0: never).",
          "                       Projects are indexed on their first request, not at start-up",
          "",
          "Browser requests from other websites (an Origin header other than this server's) get",
          "403; JSON endpoints need 'Content-Type: application/json' (415 otherwise).",
          "",
          "Fault injection (for tests of clients; all off by default):",
          "  --fail-first <n>     answer the first n POST requests with --status",
          "  --status <code>      status of those answers (default 503; 429 for rate limiting)",
          "  --retry-after <s>    send 'Retry-After: <s>' with those answers",
          "  --down-for-ms <ms>   start with the port closed (connections refused) for ms",
          "  --break-stream-after <n> /calls/stream_query sends n calls, then closes the",
          "                       connection without ending the response (a failure after 200)");

  private ServeCommand() {}

  /**
   * Runs the server until the JVM is stopped.
   *
   * @param defaultDir the local store folder when {@code --dir} is not given
   * @return the exit code when it cannot start: 2 usage, 1 cannot bind
   */
  public static int run(
      String[] args, Path defaultDir, String version, PrintStream out, PrintStream err) {
    ServeOptions options;
    try {
      options = ServeArgs.parse(args, defaultDir);
    } catch (IllegalArgumentException e) {
      err.println("weave4j serve: " + e.getMessage());
      err.println();
      err.println(USAGE);
      return 2;
    }
    if (options == null) {
      out.println(USAGE);
      return 0;
    }
    if (options.apiKey() == null && !loopback(options.host())) {
      err.println(
          "weave4j serve: refusing to serve the store on "
              + options.host()
              + " without --api-key: anyone who can reach it could read and delete calls");
      return 2;
    }
    TraceServer server = new TraceServer(options, version);
    server.whenUnrecoverable(
        message -> {
          // Better gone, with a reason, than holding a port that never answers.
          err.println(message);
          err.flush();
          System.exit(1);
        });
    try {
      server.start();
    } catch (RuntimeException e) {
      err.println("weave4j serve: " + e.getMessage());
      server.close();
      return 1;
    }
    out.println(server.url());
    out.flush();
    err.printf(
        "weave4j serve: %s, %d project(s), each indexed on its first request%s%n",
        options.dir().toAbsolutePath(),
        server.projectsOnDisk().size(),
        options.faults().any() ? ", fault injection on" : "");
    err.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "weave4j-serve-stop"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
