package dev.weave4j.internal.cli;

import static dev.weave4j.internal.store.StoreFixture.end;
import static dev.weave4j.internal.store.StoreFixture.exception;
import static dev.weave4j.internal.store.StoreFixture.start;

import dev.weave4j.WeaveSettings;
import dev.weave4j.internal.store.StoreFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;

/** A store with three traces, and a way to run the CLI capturing its output. */
final class CliFixture {

  static final String T1 = "0193a001-0000-7000-8000-000000000000";
  static final String A = "0193a001-0000-7000-8000-00000000000a";
  static final String B = "0193a001-0000-7000-8000-00000000000b";
  static final String C = "0193a001-0000-7000-8000-00000000000c";
  static final String D = "0193a001-0000-7000-8000-00000000000d";
  static final String T2 = "0193b002-0000-7000-8000-000000000000";
  static final String E = "0193b002-0000-7000-8000-00000000000e";
  static final String F = "0193b002-0000-7000-8000-00000000000f";
  static final String T3 = "0193b002-1111-7000-8000-000000000000";
  static final String G = "0193b002-1111-7000-8000-000000000001";

  static final String USAGE_15 =
      "{\"usage\":{\"fake-model\":{\"requests\":1,\"prompt_tokens\":10,"
          + "\"completion_tokens\":5,\"total_tokens\":15}},"
          + "\"status_counts\":{\"success\":1,\"error\":0}}";

  private CliFixture() {}

  /** The project folder {@code <dir>/local/default} with three traces in two files. */
  static Path writeStore(Path dir) {
    Path project = dir.resolve("local").resolve("default");
    StoreFixture.write(
        project,
        "run-1.jsonl",
        start(
            A,
            T1,
            null,
            "Agent.run",
            "2026-11-23T10:00:00.000000Z",
            "{\"query\":\"What is Weave?\"}"),
        start(
            B,
            T1,
            A,
            "Retriever.retrieve",
            "2026-11-23T10:00:00.010000Z",
            "{\"query\":\"What is Weave?\",\"k\":3}"),
        start(
            C,
            T1,
            B,
            "Embedder.embed",
            "2026-11-23T10:00:00.011000Z",
            "{\"text\":\"What is Weave?\"}"),
        end(C, "2026-11-23T10:00:00.014000Z", "[0.12,0.5,0.33]"),
        end(
            B,
            "2026-11-23T10:00:00.022000Z",
            "[\"doc a\",\"doc b\",\"a much longer third document that will certainly not fit in one line\"]"),
        start(
            D,
            T1,
            A,
            "Llm.complete",
            "2026-11-23T10:00:00.030000Z",
            "{\"prompt\":\"Answer using doc a, doc b\",\"temperature\":0.2}"),
        end(
            D,
            "2026-11-23T10:00:01.230000Z",
            "\"Weave is a toolkit for tracing LLM apps.\"",
            null,
            USAGE_15),
        end(
            A,
            "2026-11-23T10:00:01.250000Z",
            "\"Weave is a toolkit for tracing LLM apps.\"",
            null,
            USAGE_15));
    StoreFixture.write(
        project,
        "run-2.jsonl",
        start(
            E, T2, null, "Agent.run", "2026-11-23T11:00:00.000000Z", "{\"query\":\"Fail please\"}"),
        start(
            F,
            T2,
            E,
            "Llm.complete",
            "2026-11-23T11:00:00.001000Z",
            "{\"prompt\":\"Fail please\"}"),
        end(
            F,
            "2026-11-23T11:00:00.041000Z",
            "null",
            exception("java.lang.IllegalStateException", "model unavailable"),
            "{\"status_counts\":{\"success\":0,\"error\":1}}"),
        end(
            E,
            "2026-11-23T11:00:00.045000Z",
            "null",
            exception("java.lang.IllegalStateException", "model unavailable"),
            "{\"status_counts\":{\"success\":0,\"error\":2}}"),
        start(
            G,
            T3,
            null,
            "Agent.run",
            "Still thinking",
            "2026-11-23T12:00:00.000000Z",
            "{\"query\":\"Slow one\"}"));
    return project;
  }

  /** Output of one CLI run. */
  record Result(int exitCode, String out, String err) {}

  static Result run(Path dir, String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--dir=" + dir;
    all[args.length + 1] = "--project=default";
    return runRaw(() -> WeaveSettings.builder().build(), all);
  }

  static Result runRaw(Supplier<WeaveSettings> settings, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        WeaveCli.run(
            args,
            new PrintStream(out, true, StandardCharsets.ISO_8859_1),
            new PrintStream(err, true, StandardCharsets.ISO_8859_1),
            settings);
    return new Result(
        code,
        out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"),
        err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
  }
}
