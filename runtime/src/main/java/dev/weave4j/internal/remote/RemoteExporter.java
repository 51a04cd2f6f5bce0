package dev.weave4j.internal.remote;

import dev.weave4j.WeaveSettings;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import dev.weave4j.internal.export.CallRecord;
import dev.weave4j.internal.export.Exporter;
import dev.weave4j.internal.export.JsonlFile;
import dev.weave4j.internal.export.RecordWriter;
import dev.weave4j.internal.export.SpanRecord;
import dev.weave4j.internal.export.StartRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.logging.Level;

/**
 * Internal, unstable. Sends records to a Weave trace server: starts and ends as {@code
 * /call/upsert_batch} items in requests bounded by bytes and count, other requests to their own
 * endpoints. 413 splits; 408/429/5xx and connection errors are retried (see {@link Sender}); other
 * 4xx are dropped, counted and their message logged once; {@code CALLS_COMPLETE_MODE_REQUIRED}
 * switches to {@code /v2/{entity}/{project}/calls/complete}. What cannot be sent goes to the spool
 * (the local-store format) and is replayed, from the exporter thread, when the server answers
 * again. Runs on the processor's single exporter thread, which encodes a batch while the one before
 * is still being sent from an {@link InFlight} thread; {@link #export} returns once every earlier
 * batch has been delivered (or spooled), {@link #awaitDelivered} once this one has too.
 */
public final class RemoteExporter implements Exporter {

  /** The Python SDK's request limit: the server's 32 MiB less 1 MiB. */
  public static final long MAX_REQUEST_BYTES = 31L << 20;

  /** Items per request at most. */
  static final int MAX_ITEMS = 1000;

  /** Agent spans per OTLP request at most (the OTel SDK's batch size). */
  static final int MAX_SPANS = 512;

  private static final long PROBE_MIN_NANOS = TimeUnit.SECONDS.toNanos(1);
  // Probing a down server costs one small request; a server back after an outage gets its backlog
  // within ten seconds.
  private static final long PROBE_MAX_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final int MAX_LOGGED_MESSAGES = 100;
  private static final String KEY_HINT =
      " (check WANDB_API_KEY or weave.api_key, or run `wandb login`; find your key at"
          + " https://wandb.ai/authorize)";
  private static final long IDLE_REPLAY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final ServerConfig config;
  private final TraceServer server;
  private final Sender sender;
  private final long maxRequestBytes;
  private final SpoolWriter spool;
  private final ReplaySource replay;
  private final Function<String, String> callLink;
  private volatile Function<String, String> unsentLink;
  private final PrintStream linkOut;
  private final CallPairer pairer = new CallPairer(CallPairer.MAX_UNPAIRED);
  private final OpPublisher ops;
  private final Set<String> loggedMessages = ConcurrentHashMap.newKeySet();
  private final ByteArrayOutputStream encodeBuffer = new ByteArrayOutputStream(4096);
  private final InFlight inFlight = new InFlight();

  private volatile boolean callsComplete;
  // Written by the delivery in flight, read while encoding the next batch (to pick op refs).
  private volatile boolean down;
  private volatile long nextProbeNanos;
  private long probeIntervalNanos = PROBE_MIN_NANOS;
  private volatile boolean spoolMaybePending = true;
  // The last failure: whether the server answered it (busy, not gone), and its Retry-After.
  private volatile boolean lastFailureAnswered;
  // The first refusal, said again at exit: a short job's log may be closed by then.
  private volatile String firstRejection;
  private volatile long lastRetryAfterMillis = -1;
  private long sentItems;

  RemoteExporter(
      ServerConfig config,
      TraceServer server,
      RetryPolicy policy,
      long maxRequestBytes,
      long maxSpoolBytes,
      Function<String, String> callLink,
      PrintStream linkOut) {
    this.config = config;
    this.server = server;
    this.sender = new Sender(server, policy);
    this.ops = new OpPublisher(config, server);
    this.maxRequestBytes = maxRequestBytes;
    this.spool = new SpoolWriter(config.spoolDir(), maxSpoolBytes, this::spooledBytes);
    this.replay =
        new ReplaySource(
            config.spoolDir(), config.spoolDir(), ".acked", true, spool::closeIfCurrent);
    this.callLink = callLink;
    this.linkOut = linkOut;
  }

  /**
   * An exporter to the server of {@code config}.
   *
   * @param callLink the link printed for a root call id once it is sent, or null for none
   */
  public static RemoteExporter create(
      ServerConfig config, Function<String, String> callLink, PrintStream linkOut) {
    return create(
        config, callLink, linkOut, MAX_REQUEST_BYTES, WeaveSettings.DEFAULT_MAX_SPOOL_BYTES);
  }

  /**
   * An exporter to the server of {@code config} whose requests take about {@code maxRequestBytes}
   * at most (at least one item each; more than {@link #MAX_REQUEST_BYTES} is not used): a request
   * is held in memory two or three times while it is built and sent, so a small heap needs small
   * requests. The spool takes {@code maxSpoolBytes} on disk at most: beyond it the newest records
   * are dropped and counted.
   *
   * @param callLink the link printed for a root call id once it is sent, or null for none
   */
  public static RemoteExporter create(
      ServerConfig config,
      Function<String, String> callLink,
      PrintStream linkOut,
      long maxRequestBytes,
      long maxSpoolBytes) {
    return new RemoteExporter(
        config,
        new HttpTraceServer(config),
        RetryPolicy.DEFAULT,
        Math.min(MAX_REQUEST_BYTES, maxRequestBytes),
        maxSpoolBytes,
        callLink,
        linkOut);
  }

  /**
   * What to print instead of {@code callLink} for a root call that went to the spool, not to the
   * server (there is no page for it there yet); null prints nothing for those.
   */
  public void unsentCallLink(Function<String, String> unsentLink) {
    this.unsentLink = unsentLink;
  }

  /** The spool folder. */
  public Path spoolDir() {
    return config.spoolDir();
  }

  /** Bytes waiting in the spool (this and earlier runs). */
  public long spooledBytes() {
    try {
      return replay.pendingBytes();
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Shutdown: no retry wait ends after {@code deadlineNanos}; after it, everything goes straight to
   * the spool.
   */
  public void stopRetryingAt(long deadlineNanos) {
    sender.stopRetryingAt(deadlineNanos);
  }

  /** Aborts the requests in flight: they fail, and their records go to the spool. */
  public void abortRequests() {
    server.abortRequests();
  }

  /**
   * Retrying stops (and records go to the spool) while {@code pressure} is true: the queue of
   * records behind this exporter is filling up.
   */
  public void spoolUnderPressure(java.util.function.BooleanSupplier pressure) {
    sender.giveUpWhen(pressure);
  }

  /**
   * An exporter that only appends to this exporter's spool (to be replayed by this one): where a
   * processor puts records it has no room for while this exporter waits for the server.
   */
  public Exporter spill() {
    return new Exporter() {
      private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);

      @Override
      public void export(List<CallRecord> batch) {
        toSpool(encode(batch, buffer, r -> r), "the trace server is slower than the application");
        printLinks(rootIds(batch), false);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }

  /** Whether the server asked for the calls-complete write path. */
  boolean callsCompleteMode() {
    return callsComplete;
  }

  /** One request's worth of items: fewer, fuller {@code /call/upsert_batch} requests. */
  @Override
  public int maxBatch() {
    return MAX_ITEMS;
  }

  @Override
  public synchronized void export(List<CallRecord> batch) {
    List<byte[]> lines =
        encode(
            batch,
            encodeBuffer,
            r -> r instanceof StartRecord s && !skipServer() ? withOpRef(s) : r);
    List<String> roots = rootIds(batch); // the batch is the caller's again once this returns
    inFlight.start(() -> printLinks(roots, deliver(lines, true)), lines.size());
    if (spoolMaybePending) {
      inFlight.await();
      replayOneChunk();
    }
  }

  @Override
  public void warmUp() throws IOException {
    RecordWriter.warmUp();
  }

  @Override
  public void awaitDelivered() {
    inFlight.await();
  }

  /**
   * Each record of {@code batch}, prepared by {@code prepare}, as one JSON line without its line
   * break; a record that cannot be encoded is counted and left out.
   */
  private static List<byte[]> encode(
      List<CallRecord> batch, ByteArrayOutputStream buffer, UnaryOperator<CallRecord> prepare) {
    List<byte[]> lines = new ArrayList<>(batch.size());
    for (CallRecord r : batch) {
      try {
        buffer.reset();
        RecordWriter.writeLine(prepare.apply(r), buffer);
        byte[] line = buffer.toByteArray();
        lines.add(java.util.Arrays.copyOf(line, line.length - 1));
      } catch (IOException | RuntimeException e) {
        Diagnostics.report(Problem.EXPORT_FAILED, "cannot encode a record", e);
      }
    }
    return lines;
  }

  /** The start with its op's ref as {@code op_name}, publishing the op first if needed. */
  private StartRecord withOpRef(StartRecord s) {
    String ref = ops.refFor(s.opName());
    if (ref == null || ref.equals(s.opName())) {
      return s;
    }
    return new StartRecord(
        s.projectId(),
        s.id(),
        s.traceId(),
        s.parentId(),
        ref,
        s.displayName(),
        s.startedAtMicros(),
        s.attributes(),
        s.inputs(),
        s.threadId(),
        s.turnId(),
        s.rootLink());
  }

  /** Start lines (from the spool or a store) with op refs instead of plain op names. */
  List<byte[]> withOpRefs(List<byte[]> lines) {
    if (skipServer()) {
      return lines;
    }
    List<byte[]> out = new ArrayList<>(lines.size());
    for (byte[] line : lines) {
      out.add(withOpRef(line));
    }
    return out;
  }

  private byte[] withOpRef(byte[] line) {
    if (!"start".equals(ItemLines.mode(line))) {
      return line;
    }
    com.fasterxml.jackson.databind.JsonNode n = ItemLines.tree(line);
    com.fasterxml.jackson.databind.JsonNode start = n == null ? null : n.path("req").path("start");
    if (!(start instanceof com.fasterxml.jackson.databind.node.ObjectNode o)
        || !o.path("op_name").isTextual()
        || o.path("op_name").asText().startsWith("weave:///")) {
      return line;
    }
    String ref = ops.refFor(o.path("op_name").asText());
    if (ref == null || ref.equals(o.path("op_name").asText())) {
      return line;
    }
    o.put("op_name", ref);
    try {
      return ItemLines.JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      return line;
    }
  }

  /**
   * Called by the exporter thread when its queue is empty: replays the spool for up to {@link
   * #IDLE_REPLAY_NANOS} (not one chunk per idle wake-up, which would take minutes to replay an
   * outage), then lets the thread look at its queue again.
   */
  @Override
  public synchronized void flush() {
    inFlight.await();
    long until = System.nanoTime() + IDLE_REPLAY_NANOS;
    while (replayOneChunk() && System.nanoTime() - until < 0) {
      // the next chunk
    }
  }

  @Override
  public synchronized void close() {
    inFlight.close();
    List<byte[]> unpaired = pairer.drain();
    if (!unpaired.isEmpty()) {
      toSpool(unpaired, "calls still waiting for their start or end at shutdown");
    }
    spool.close();
    server.close();
  }

  /**
   * Sends lines (items in the store envelope); what cannot be sent now is spooled when {@code
   * spoolOnFailure}.
   *
   * @return true when every line was sent or refused for good (nothing is left to retry)
   */
  boolean deliver(List<byte[]> lines, boolean spoolOnFailure) {
    if (lines.isEmpty()) {
      return true;
    }
    if (skipServer()) {
      if (spoolOnFailure) {
        toSpool(lines, "the trace server is unreachable");
      }
      return false;
    }
    List<byte[]> calls = new ArrayList<>(lines.size());
    List<byte[]> spans = new ArrayList<>(0);
    List<byte[]> others = new ArrayList<>();
    for (byte[] line : lines) {
      String mode = ItemLines.mode(line);
      if ("start".equals(mode) || "end".equals(mode)) {
        calls.add(line);
      } else if (SpanRecord.MODE.equals(mode)) {
        spans.add(line);
      } else {
        others.add(line);
      }
    }
    List<byte[]> failed = new ArrayList<>();
    boolean done = sendCalls(calls, failed);
    done &= sendSpans(spans, failed);
    for (byte[] line : others) {
      if (!failed.isEmpty() || skipServer()) {
        failed.add(line);
        done = false;
      } else if (!sendRequest(line)) {
        failed.add(line);
        done = false;
      }
    }
    if (spoolOnFailure && !failed.isEmpty()) {
      toSpool(failed, "the trace server is unreachable");
    }
    return done;
  }

  /** While the server is down, a request is a single probe; otherwise it is retried. */
  private int attempts() {
    return down ? 1 : Integer.MAX_VALUE;
  }

  private boolean skipServer() {
    return sender.stopping() || (down && System.nanoTime() - nextProbeNanos < 0);
  }

  private boolean sendCalls(List<byte[]> calls, List<byte[]> failed) {
    if (calls.isEmpty()) {
      return true;
    }
    if (!callsComplete) {
      List<Outbound> items = new ArrayList<>(calls.size());
      for (byte[] line : calls) {
        items.add(Outbound.item(line));
      }
      return sendChunks(upsertPath(), items, failed);
    }
    List<Outbound> complete = new ArrayList<>();
    List<byte[]> overflow = new ArrayList<>();
    List<byte[]> invalid = new ArrayList<>();
    for (byte[] line : calls) {
      pairer.add(line, complete, overflow, invalid);
    }
    if (!invalid.isEmpty()) {
      reject(invalid.size(), 0, "unreadable call records");
    }
    if (!overflow.isEmpty()) {
      failed.addAll(overflow);
    }
    return sendChunks(completePath(), complete, failed) && overflow.isEmpty();
  }

  /**
   * Sends agent spans as OTLP/HTTP (gzipped protobuf) in requests of at most {@link #MAX_SPANS}
   * spans and about {@code maxRequestBytes} of span lines; a line that is not a span is dropped and
   * counted.
   */
  private boolean sendSpans(List<byte[]> spans, List<byte[]> failed) {
    if (spans.isEmpty()) {
      return true;
    }
    List<Outbound> items = new ArrayList<>(spans.size());
    for (byte[] line : spans) {
      items.add(Outbound.item(line));
    }
    return sendChunks(OtlpTraces.PATH, items, MAX_SPANS, failed);
  }

  /** The body of {@code chunk}: a {@code /call/upsert_batch} or an OTLP request. */
  private byte[] body(String path, List<Outbound> chunk) {
    if (!OtlpTraces.PATH.equals(path)) {
      return batchBody(chunk);
    }
    List<byte[]> lines = new ArrayList<>(chunk.size());
    chunk.forEach(o -> lines.add(o.json()));
    var spans = OtlpTraces.spans(lines);
    if (spans.size() < chunk.size()) {
      reject(chunk.size() - spans.size(), 0, "unreadable agent span records");
    }
    try {
      return spans.isEmpty() ? null : OtlpTraces.body(spans);
    } catch (java.io.IOException | RuntimeException e) {
      Diagnostics.report(Problem.EXPORT_FAILED, spans.size(), "cannot encode agent spans", e);
      return null;
    }
  }

  private static String upsertPath() {
    return "/call/upsert_batch";
  }

  private String completePath() {
    return "/v2/" + config.entity() + "/" + config.project() + "/calls/complete";
  }

  /** Sends {@code items} in requests within the byte and count bounds. */
  private boolean sendChunks(String path, List<Outbound> items, List<byte[]> failed) {
    return sendChunks(path, items, MAX_ITEMS, failed);
  }

  /** Sends {@code items} in requests of at most {@code maxItems} within the byte bound. */
  private boolean sendChunks(String path, List<Outbound> items, int maxItems, List<byte[]> failed) {
    boolean done = true;
    int from = 0;
    while (from < items.size()) {
      int to = from;
      long bytes = 16;
      while (to < items.size()
          && to - from < maxItems
          && (to == from || bytes + items.get(to).json().length + 1 <= maxRequestBytes)) {
        bytes += items.get(to).json().length + 1;
        to++;
      }
      done &= sendChunk(path, items.subList(from, to), failed);
      from = to;
    }
    return done;
  }

  private boolean sendChunk(String path, List<Outbound> chunk, List<byte[]> failed) {
    if (chunk.isEmpty()) {
      return true;
    }
    if (!failed.isEmpty() || skipServer()) {
      chunk.forEach(o -> failed.addAll(o.spoolLines()));
      return false;
    }
    byte[] body = body(path, chunk);
    if (body == null) {
      return true; // nothing left to send: counted where it was dropped
    }
    Sender.Outcome outcome =
        OtlpTraces.PATH.equals(path)
            ? sender.sendOtlp(path, body, attempts())
            : sender.send(path, body, attempts());
    switch (outcome.result()) {
      case SENT -> {
        markUp();
        sentItems += chunk.size();
        return true;
      }
      case TOO_LARGE -> {
        if (chunk.size() == 1) {
          reject(1, 413, "a single item is larger than the server accepts: " + message(outcome));
          return true;
        }
        return splitAndSend(path, chunk, failed);
      }
      case REJECTED -> {
        int status = outcome.response().status();
        if (chunk.size() > 1 && (status == 400 || status == 422)) {
          return splitAndSend(path, chunk, failed); // isolate the item the server refuses
        }
        reject(chunk.size(), status, message(outcome));
        return true;
      }
      case CALLS_COMPLETE_REQUIRED -> {
        if (callsComplete || OtlpTraces.PATH.equals(path)) {
          reject(chunk.size(), outcome.response().status(), message(outcome));
          return true;
        }
        callsComplete = true;
        Diagnostics.log()
            .info(
                "weave4j: project "
                    + config.projectId()
                    + " is written in calls-complete mode; switching to "
                    + completePath());
        List<byte[]> lines = new ArrayList<>();
        chunk.forEach(o -> lines.addAll(o.spoolLines()));
        return sendCalls(lines, failed);
      }
      default -> {
        markDown(outcome);
        chunk.forEach(o -> failed.addAll(o.spoolLines()));
        return false;
      }
    }
  }

  private boolean splitAndSend(String path, List<Outbound> chunk, List<byte[]> failed) {
    int mid = chunk.size() / 2;
    boolean a = sendChunk(path, chunk.subList(0, mid), failed);
    boolean b = sendChunk(path, chunk.subList(mid, chunk.size()), failed);
    return a && b;
  }

  /** A non-batch request (e.g. {@code /call/update}); true when sent or refused for good. */
  private boolean sendRequest(byte[] line) {
    StoredRequest req = StoredRequest.of(line);
    if (req == null) {
      reject(1, 0, "unknown request mode '" + ItemLines.mode(line) + "' in a trace record");
      return true;
    }
    String path = req.path();
    Sender.Outcome outcome =
        req.isFile()
            ? sender.sendFile(path, req.fields(), req.fileName(), req.file(), attempts())
            : sender.send(path, req.json(), attempts());
    switch (outcome.result()) {
      case SENT -> {
        markUp();
        return true;
      }
      case UNREACHABLE -> {
        markDown(outcome);
        return false;
      }
      default -> {
        reject(1, outcome.response().status(), path + ": " + message(outcome));
        return true;
      }
    }
  }

  private static byte[] batchBody(List<Outbound> chunk) {
    int size = 12;
    for (Outbound o : chunk) {
      size += o.json().length + 1;
    }
    byte[] body = new byte[size];
    int at = put(body, 0, "{\"batch\":[");
    for (int i = 0; i < chunk.size(); i++) {
      if (i > 0) {
        body[at++] = ',';
      }
      byte[] json = chunk.get(i).json();
      System.arraycopy(json, 0, body, at, json.length);
      at += json.length;
    }
    at = put(body, at, "]}");
    return java.util.Arrays.copyOf(body, at);
  }

  private static int put(byte[] to, int at, String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      to[at++] = (byte) ascii.charAt(i);
    }
    return at;
  }

  private void markUp() {
    if (down) {
      Diagnostics.log().info("weave4j: the trace server " + config.baseUrl() + " answers again");
    }
    down = false;
    probeIntervalNanos = PROBE_MIN_NANOS;
  }

  private void markDown(Sender.Outcome outcome) {
    lastFailureAnswered = outcome.response() != null;
    lastRetryAfterMillis = outcome.retryAfterMillis();
    long wait = probeIntervalNanos;
    if (outcome.retryAfterMillis() > 0) {
      wait = Math.max(wait, TimeUnit.MILLISECONDS.toNanos(outcome.retryAfterMillis()));
    }
    if (!down) {
      Diagnostics.log()
          .warning(
              "weave4j: cannot reach the trace server "
                  + config.baseUrl()
                  + " ("
                  + (outcome.response() != null
                      ? "HTTP " + outcome.response().status() + ": " + message(outcome)
                      : outcome.error())
                  + "); calls are kept in "
                  + config.spoolDir()
                  + " and sent when it answers");
    }
    down = true;
    nextProbeNanos = System.nanoTime() + wait;
    probeIntervalNanos = Math.min(PROBE_MAX_NANOS, probeIntervalNanos * 2);
  }

  private void reject(int n, int status, String message) {
    String key = status + " " + message;
    boolean first = loggedMessages.size() < MAX_LOGGED_MESSAGES && loggedMessages.add(key);
    if (first) {
      String text =
          "the trace server refused "
              + n
              + " record(s)"
              + (status > 0 ? " with HTTP " + status : "")
              + ": "
              + message
              + hint(status);
      Diagnostics.log().warning("weave4j: " + text);
      if (firstRejection == null) {
        firstRejection = text;
      }
    }
    Diagnostics.report(Problem.REMOTE_REJECTED, n, "HTTP " + status + ": " + message, null);
  }

  private String hint(int status) {
    return switch (status) {
      case 401 -> KEY_HINT;
      case 403 ->
          KEY_HINT
              + " (and that the W&B project "
              + config.projectId()
              + " exists and your key may write to it)";
      case 404 ->
          " (check that the W&B project "
              + config.projectId()
              + " exists and your key may write to it: create it at https://wandb.ai/"
              + config.entity()
              + "/projects, or set weave.project to one you own)";
      default -> "";
    };
  }

  private static String message(Sender.Outcome o) {
    return o.response() == null ? String.valueOf(o.error()) : o.response().message();
  }

  private void toSpool(List<byte[]> lines, String why) {
    int kept;
    try {
      kept = spool.append(lines);
      if (kept < lines.size()) {
        Diagnostics.report(
            Problem.SPOOL_FULL,
            lines.size() - kept,
            why
                + "; the spool "
                + spool.dir()
                + " is full: raise weave.max_spool_bytes, or sync it when the server answers",
            null);
      }
    } catch (IOException | RuntimeException e) {
      kept = e instanceof JsonlFile.WriteFailed w ? w.linesWritten() : 0;
      Diagnostics.report(
          Problem.EXPORT_FAILED,
          lines.size() - kept,
          "cannot write to the spool " + spool.dir(),
          e);
    }
    if (kept > 0) {
      spoolMaybePending = true;
      Diagnostics.report(Problem.REMOTE_SPOOLED, kept, why + "; in " + spool.dir(), null);
    }
  }

  /**
   * Replays one chunk of the spool when the server is (believed) up.
   *
   * @return whether a chunk was sent and acknowledged (so the next one may follow)
   */
  private boolean replayOneChunk() {
    if (!spoolMaybePending || skipServer()) {
      return false;
    }
    try {
      ReplaySource.Chunk chunk = replay.next(MAX_ITEMS, maxRequestBytes, null);
      if (chunk == null) {
        spoolMaybePending = false;
        return false;
      }
      if (deliver(withOpRefs(chunk.lines()), false)) {
        replay.ack(chunk);
        return true;
      }
    } catch (IOException | RuntimeException e) {
      Diagnostics.log().log(Level.FINE, "weave4j: spool replay failed", e);
      spoolMaybePending = false;
    }
    return false;
  }

  /**
   * At shutdown: sends what the spool holds until it is empty, the server cannot be reached, or
   * {@code deadlineNanos} passes. A server that answers but is busy (429, 5xx) is waited for as it
   * asks ({@code Retry-After}) and tried again: a blip at exit must not leave a short job's calls
   * behind. One that cannot be reached at all does not hold the exit up.
   *
   * @return true when the spool is empty
   */
  public synchronized boolean drainSpool(long deadlineNanos) {
    inFlight.await();
    while (System.nanoTime() - deadlineNanos < 0 && !sender.stopping()) {
      // The last chance: probe a server that was down now rather than at its next probe time.
      nextProbeNanos = System.nanoTime();
      try {
        ReplaySource.Chunk chunk = replay.next(MAX_ITEMS, maxRequestBytes, null);
        if (chunk == null) {
          spoolMaybePending = false;
          return true;
        }
        if (deliver(withOpRefs(chunk.lines()), false)) {
          replay.ack(chunk);
        } else if (!lastFailureAnswered || !pauseBefore(deadlineNanos)) {
          return false;
        }
      } catch (IOException | RuntimeException e) {
        Diagnostics.log().log(Level.FINE, "weave4j: spool replay failed", e);
        return false;
      }
    }
    return false;
  }

  /**
   * Waits as the server's last answer asked ({@code Retry-After}, else half a second) unless that
   * ends after {@code deadlineNanos}; false when it would.
   */
  private boolean pauseBefore(long deadlineNanos) {
    long waitNanos =
        TimeUnit.MILLISECONDS.toNanos(lastRetryAfterMillis > 0 ? lastRetryAfterMillis : 500);
    if (System.nanoTime() + waitNanos - deadlineNanos > 0) {
      return false;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(waitNanos);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The first refusal of the server with its reason and a hint, or null when none. */
  public String firstRejection() {
    return firstRejection;
  }

  /** Whether the spool may still hold records (for shutdown messages and tests). */
  boolean spoolMaybePending() {
    return spoolMaybePending;
  }

  long sentItems() {
    return sentItems;
  }

  /** The ids of the root calls of {@code batch} whose link is to be printed. */
  private List<String> rootIds(List<CallRecord> batch) {
    if (callLink == null) {
      return List.of();
    }
    List<String> ids = new ArrayList<>(0);
    for (CallRecord r : batch) {
      if (r instanceof StartRecord s && s.rootLink()) {
        ids.add(s.id().toString());
      }
    }
    return ids;
  }

  /**
   * The link of each root call when its batch reached the server; else what says where it waits (a
   * link would point at a call the server does not have).
   */
  private void printLinks(List<String> roots, boolean sent) {
    Function<String, String> text = sent ? callLink : unsentLink;
    if (text == null) {
      return;
    }
    for (String id : roots) {
      try {
        String line = text.apply(id);
        if (line != null) {
          linkOut.println(line);
        }
      } catch (RuntimeException e) {
        // A link is a courtesy: it never fails an export.
      }
    }
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
