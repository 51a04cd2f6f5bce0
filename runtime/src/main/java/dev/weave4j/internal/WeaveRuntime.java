package dev.weave4j.internal;

import dev.weave4j.Call;
import dev.weave4j.CallsQuery;
import dev.weave4j.WeaveClient;
import dev.weave4j.WeaveSettings;
import dev.weave4j.internal.agents.AgentTracer;
import dev.weave4j.internal.agents.OtlpSpans;
import dev.weave4j.internal.agents.SpanCalls;
import dev.weave4j.internal.client.AuthHeaders;
import dev.weave4j.internal.client.CallsApi;
import dev.weave4j.internal.client.CallsBackend;
import dev.weave4j.internal.client.HttpCallsBackend;
import dev.weave4j.internal.client.LocalCallsBackend;
import dev.weave4j.internal.export.BatchCallProcessor;
import dev.weave4j.internal.export.CallLinkLimit;
import dev.weave4j.internal.export.CallProcessor;
import dev.weave4j.internal.export.LocalStoreExporter;
import dev.weave4j.internal.remote.CallLinks;
import dev.weave4j.internal.remote.RemoteExporter;
import dev.weave4j.internal.remote.ServerConfig;
import dev.weave4j.internal.remote.ServerInfoCheck;
import dev.weave4j.internal.remote.ShutdownFlush;
import dev.weave4j.internal.serialize.Redactor;
import dev.weave4j.internal.serialize.ValueSerializer;
import dev.weave4j.internal.trace.IntegrationOps;
import dev.weave4j.internal.trace.StreamCall;
import dev.weave4j.internal.trace.Tracer;
import dev.weave4j.internal.util.ShellQuote;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Internal, unstable. The one tracing runtime of this JVM, shared by the agent and the API: its
 * settings, tracer, processor and client. Installed once; a shutdown hook flushes it.
 */
public final class WeaveRuntime {

  /** Bound on how long the shutdown hook waits for pending records. */
  static final long SHUTDOWN_FLUSH_MILLIS = 10_000;

  private static final long FLUSH_MILLIS = 30_000;
  private static final Object LOCK = new Object();
  private static volatile WeaveRuntime active;
  private static volatile String cliCommand = "weave4j";

  private final WeaveSettings settings;
  private final CallProcessor processor;
  private final RemoteExporter remote;
  private final Tracer tracer;
  private final AgentTracer agents;
  private final WeaveClient client;
  private final CallsApi calls;

  private final CallLinks callLinks;

  private WeaveRuntime(WeaveSettings settings) {
    this.settings = settings;
    this.callLinks = new CallLinks(settings);
    if (settings.effectiveMode() == WeaveSettings.Mode.REMOTE) {
      ServerConfig server = ServerConfig.of(settings);
      Function<String, String> link = null;
      Function<String, String> unsent = null;
      if (settings.printCallLink()) {
        link = uiLink(callLinks);
        unsent = unsentLink(settings, server.spoolDir());
        if (!settings.printEveryCallLink()) {
          CallLinkLimit limit = limit(link, "");
          link = limit;
          unsent = limit.sharing(unsent);
        }
      }
      this.remote =
          RemoteExporter.create(
              server, link, System.err, settings.maxQueueBytes(), settings.maxSpoolBytes());
      remote.unsentCallLink(unsent);
      BatchCallProcessor batches =
          new BatchCallProcessor(remote, settings.maxQueueBytes(), remote.spill());
      remote.spoolUnderPressure(batches::underPressure);
      this.processor = batches;
      ServerInfoCheck.startInBackground(server);
    } else {
      Function<String, String> link =
          settings.printCallLink()
              ? limited(settings, callLink(settings), cliCommand + " calls" + storeFlags(settings))
              : null;
      this.remote = null;
      this.processor =
          new BatchCallProcessor(
              new LocalStoreExporter(settings.projectDir(), link, System.err),
              settings.maxQueueBytes());
    }
    IntegrationOps.useSettings(settings.integrationSettings());
    Redactor redactor = new Redactor(settings.redactKeys());
    ValueSerializer serializer = new ValueSerializer(redactor);
    this.tracer =
        new Tracer(settings.projectId(), serializer, redactor, processor, settings.printCallLink());
    // Remote: agent spans go to the server's OTLP endpoint, which turns them into calls (as the
    // Python SDK sends them); local: they are stored as the calls the server would make of them.
    this.agents =
        new AgentTracer(
            remote != null && OtlpSpans.available()
                ? new OtlpSpans(settings.projectId(), processor)
                : new SpanCalls(settings.projectId(), serializer, processor));
    this.calls =
        new CallsApi(
            settings.projectId(), callsBackend(settings), () -> processor.flush(FLUSH_MILLIS));
    this.client = new Client();
  }

  /** The web page of call {@code id} ({@code Call.uiUrl()}). */
  public Optional<String> uiUrl(String id) {
    return callLinks.uiUrl(id);
  }

  /**
   * Where the client API reads: the Weave server over HTTP in remote mode, else the local store.
   */
  static CallsBackend callsBackend(WeaveSettings settings) {
    if (settings.effectiveMode() == WeaveSettings.Mode.REMOTE) {
      return new HttpCallsBackend(settings.serverUrl(), AuthHeaders.forApiKey(settings.apiKey()));
    }
    return new LocalCallsBackend(settings.localDir());
  }

  /**
   * Installs the runtime for {@code settings}, or returns the one already installed.
   *
   * @throws IllegalArgumentException when the settings ask for something this build cannot do
   */
  public static WeaveRuntime install(WeaveSettings settings) {
    synchronized (LOCK) {
      WeaveRuntime current = active;
      if (current != null) {
        return current;
      }
      if (settings.disabled()) {
        return null;
      }
      Diagnostics.debug(settings.debug());
      if (settings.effectiveMode() == WeaveSettings.Mode.REMOTE) {
        ServerConfig.of(settings); // fails with the key's name before anything starts
      }
      WeaveRuntime runtime = new WeaveRuntime(settings);
      Runtime.getRuntime()
          .addShutdownHook(new Thread(WeaveRuntime::shutdown, "weave4j-shutdown-flush"));
      active = runtime;
      return runtime;
    }
  }

  /** The command that shows a root call's tree, with the flags that find this store. */
  private static Function<String, String> callLink(WeaveSettings settings) {
    String flags = storeFlags(settings);
    return id -> "weave4j: trace: " + cliCommand + " tree " + id + flags;
  }

  /** {@code --dir} and {@code --project} when they are not the defaults, shell-quoted. */
  private static String storeFlags(WeaveSettings settings) {
    StringBuilder flags = new StringBuilder();
    WeaveSettings defaults = WeaveSettings.builder().build();
    if (!settings.localDir().equals(defaults.localDir())) {
      flags.append(" --dir ").append(ShellQuote.quote(settings.localDir().toString()));
    }
    if (!settings.projectId().equals(defaults.projectId())) {
      flags.append(" --project ").append(ShellQuote.quote(settings.projectId()));
    }
    return flags.toString();
  }

  /**
   * Every link when {@code weave.print_call_link=true} was set explicitly; else the first few and
   * one line saying how to see the rest.
   */
  private static Function<String, String> limited(
      WeaveSettings settings, Function<String, String> link, String listCommand) {
    return settings.printEveryCallLink() ? link : limit(link, listCommand);
  }

  private static CallLinkLimit limit(Function<String, String> link, String listCommand) {
    String more =
        "weave4j: further root calls are not linked here"
            + (listCommand.isEmpty() ? "" : "; " + listCommand + " lists them")
            + " (weave.print_call_link=true links every one, =false none)";
    return new CallLinkLimit(link, WeaveSettings.DEFAULT_CALL_LINKS, more);
  }

  /**
   * For a root call that went to the spool because the server did not answer: no link (the server
   * does not have the call, and whether it is {@code serve} or W&B is unknown), but where it waits
   * and how to see it now. The spool is the store's format, so {@code tree} reads it.
   */
  private static Function<String, String> unsentLink(WeaveSettings settings, Path spoolDir) {
    // spoolDir is <spool>/<entity>/<project>: the CLI takes the folder above the entities.
    Path spool = spoolDir.getParent().getParent();
    String flags = " --dir " + ShellQuote.quote(spool.toString());
    if (!settings.projectId().equals(WeaveSettings.builder().build().projectId())) {
      flags += " --project " + ShellQuote.quote(settings.projectId());
    }
    String where = flags;
    return id ->
        "weave4j: trace: "
            + id
            + " not sent yet (the trace server does not answer): it waits in the spool and is sent"
            + " when the server answers; to see it now: "
            + cliCommand
            + " tree "
            + id
            + where;
  }

  /**
   * The page of a root call, as the Python SDK prints it (the viewer page for {@code serve}); used
   * on the exporter's thread, which may ask the server's {@code /server_info} once.
   */
  private static Function<String, String> uiLink(CallLinks links) {
    return id -> "weave4j: trace: " + links.uiUrl(id).orElse(id);
  }

  /** The active tracer, or null when tracing is not installed. */
  public static Tracer tracer() {
    WeaveRuntime r = active;
    return r == null ? null : r.tracer;
  }

  /** This runtime's agent tracing (conversations, turns, LLM and tool spans). */
  public AgentTracer agents() {
    return agents;
  }

  /** The active runtime, or null. */
  public static WeaveRuntime active() {
    return active;
  }

  /** The running client, or one that does nothing. */
  public static WeaveClient clientOrNoop() {
    WeaveRuntime r = active;
    return r == null ? NoopClient.INSTANCE : r.client;
  }

  /** How the command line is started, for call links: {@code java -jar <jar>}, shell-quoted. */
  public static void setCliJar(String jarPath) {
    cliCommand = "java -jar " + ShellQuote.quote(jarPath);
  }

  /** Flushes (bounded) and uninstalls the active runtime. */
  public static void shutdown() {
    WeaveRuntime r;
    synchronized (LOCK) {
      r = active;
      active = null;
    }
    if (r != null) {
      // Streamed results never consumed (or still being consumed) end now, before the last flush.
      StreamCall.endOpenCalls();
      if (r.remote != null) {
        ShutdownFlush.run(r.processor, r.remote, SHUTDOWN_FLUSH_MILLIS, System.err);
      } else {
        r.processor.shutdown(SHUTDOWN_FLUSH_MILLIS);
      }
      r.calls.backend().close();
      Diagnostics.logSummary();
    }
  }

  /** The settings this runtime was installed with. */
  public WeaveSettings settings() {
    return settings;
  }

  /** This runtime's client. */
  public WeaveClient client() {
    return client;
  }

  /** This runtime's query API (reads, renames, deletes, feedback). */
  public CallsApi calls() {
    return calls;
  }

  private final class Client implements WeaveClient {
    @Override
    public String projectId() {
      return settings.projectId();
    }

    @Override
    public Call createCall(
        String op,
        Map<String, ?> inputs,
        Call parent,
        Map<String, ?> attributes,
        String displayName) {
      if (op == null || op.isBlank()) {
        throw new IllegalArgumentException("op must not be blank");
      }
      return tracer.startManual(op, inputs, parent, attributes, displayName);
    }

    @Override
    public void finishCall(Call call, Object output) {
      Tracer.finishManual(call, output, null);
    }

    @Override
    public void failCall(Call call, Throwable error) {
      Tracer.finishManual(call, null, error);
    }

    @Override
    public Optional<Call> getCall(String id) {
      return calls.getCall(id);
    }

    @Override
    public Stream<Call> getCalls(CallsQuery query) {
      return calls.getCalls(query);
    }

    @Override
    public long countCalls(CallsQuery query) {
      return calls.countCalls(query);
    }

    @Override
    public int deleteCalls(Collection<String> callIds) {
      return calls.deleteCalls(callIds);
    }

    @Override
    public void flush() {
      processor.flush(FLUSH_MILLIS);
    }

    @Override
    public void close() {
      if (active == WeaveRuntime.this) {
        shutdown();
      }
    }
  }

  private enum NoopClient implements WeaveClient {
    INSTANCE;

    @Override
    public String projectId() {
      return "";
    }

    @Override
    public Call createCall(
        String op,
        Map<String, ?> inputs,
        Call parent,
        Map<String, ?> attributes,
        String displayName) {
      return Tracer.noopCall();
    }

    @Override
    public void finishCall(Call call, Object output) {}

    @Override
    public void failCall(Call call, Throwable error) {}

    @Override
    public Optional<Call> getCall(String id) {
      return Optional.empty();
    }

    @Override
    public Stream<Call> getCalls(CallsQuery query) {
      return Stream.empty();
    }

    @Override
    public long countCalls(CallsQuery query) {
      return 0;
    }

    @Override
    public int deleteCalls(Collection<String> callIds) {
      return 0;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
