package dev.weave4j.benchmarks;

import dev.weave4j.Conversation;
import dev.weave4j.ConversationOptions;
import dev.weave4j.Llm;
import dev.weave4j.Tool;
import dev.weave4j.Turn;
import dev.weave4j.Usage;
import dev.weave4j.Weave;
import dev.weave4j.WeaveSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The agent-tracing API on the calling thread (no agent; {@code Weave.init} in local mode, the real
 * pipeline writing the spans as calls to a temporary local store): one turn of a conversation with
 * one LLM span (usage, one input and one output message) and one tool span (arguments, result).
 * Paced like {@code AgentBenchmarks.smallPaced} (about 10 µs of other work first), so the exporter
 * thread keeps up and every span is recorded; the cost of the turn is {@code turnLlmTool} minus
 * {@code pace}. Budget: 5 µs.
 *
 * <pre>
 * java -cp "benchmarks/target/classes:$(cat cp.txt)" org.openjdk.jmh.Main AgentTracingBenchmarks
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class AgentTracingBenchmarks {

  private Path dir;
  private Conversation conversation;

  /** Installs the runtime and opens the conversation the turns belong to. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("weave4j-agents-bench");
    Weave.init(
        WeaveSettings.builder()
            .project("bench")
            .localDir(dir)
            .mode(WeaveSettings.Mode.LOCAL)
            .printCallLink(false)
            .build());
    conversation =
        Weave.startConversation(
            ConversationOptions.builder().agentName("bench-bot").model("gpt-4o").build());
  }

  /** Stops the runtime and deletes the store. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    conversation.end();
    Weave.finish();
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The pacing alone. */
  @Benchmark
  public void pace() {
    Blackhole.consumeCPU(AgentBenchmarks.PACE_TOKENS);
  }

  /** The pacing, then one turn with one LLM span and one tool span. */
  @Benchmark
  public String turnLlmTool() {
    Blackhole.consumeCPU(AgentBenchmarks.PACE_TOKENS);
    try (Turn turn = conversation.startTurn("Where is my order?")) {
      try (Llm llm = Weave.startLlm("gpt-4o", "openai")) {
        llm.usage(Usage.of(120, 30));
        try (Tool tool = Weave.startTool("lookup_order", "{\"id\":7}", "call_1")) {
          tool.result("{\"status\":\"shipped\"}");
        }
        llm.output("It has shipped.");
      }
      turn.output("It has shipped.");
      return turn.spanId();
    }
  }
}
