package dev.weave4j;

import dev.weave4j.internal.WeaveRuntime;
import dev.weave4j.internal.agents.AgentTracing;
import dev.weave4j.internal.agents.TurnLogger;
import dev.weave4j.internal.trace.ContextAwareExecutorService;
import dev.weave4j.internal.trace.Contexts;
import dev.weave4j.internal.trace.LambdaOps;
import dev.weave4j.internal.trace.OpDescriptor;
import dev.weave4j.internal.trace.Scopes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The weave4j entry point. With the agent ({@code -javaagent:weave-agent.jar}) tracing is set up
 * from configuration at start-up and these methods see the same runtime; without it, call {@link
 * #init(String)} first.
 */
public final class Weave {

  private Weave() {}

  /**
   * Starts tracing to {@code project} with every other setting resolved from the environment, or
   * returns the client already running.
   *
   * @throws IllegalArgumentException for a bad project name or configuration value
   */
  public static WeaveClient init(String project) {
    return init(WeaveSettings.fromEnvironment().toBuilder().project(project).build());
  }

  /**
   * Starts tracing with {@code settings}, or returns the client already running (the first
   * initialisation wins, as with the agent).
   */
  public static WeaveClient init(WeaveSettings settings) {
    WeaveRuntime runtime = WeaveRuntime.install(settings);
    return runtime == null ? WeaveRuntime.clientOrNoop() : runtime.client();
  }

  /**
   * The library integrations' settings in code: {@code Weave.integrations().configure("openai", s
   * -> s.postprocessInputs(MyRedactor.class))}, as Weave's {@code patch_openai(settings=...)}.
   */
  public static Integrations integrations() {
    return Integrations.INSTANCE;
  }

  /** The running client, or a no-op client when tracing is not initialised or disabled. */
  public static WeaveClient client() {
    return WeaveRuntime.clientOrNoop();
  }

  /** The call running on this thread, if any. */
  public static Optional<Call> currentCall() {
    return Optional.ofNullable(Contexts.currentCall());
  }

  /**
   * Attributes for every call started in the scope (captured when a call starts, frozen after);
   * nested scopes merge shallowly, the inner value winning.
   *
   * @throws IllegalArgumentException for the reserved key {@code weave}
   */
  public static WeaveScope attributes(Map<String, ?> attributes) {
    return Scopes.attributes(attributes);
  }

  /** Nothing started in the scope is traced; the code still runs. */
  public static WeaveScope tracingDisabled() {
    return Scopes.tracingDisabled();
  }

  /**
   * Calls in the scope belong to the conversation thread {@code threadId} ({@code thread_id}); the
   * first-level call inside is a turn and its id is the {@code turn_id} of its subtree. Null ends
   * an enclosing thread.
   */
  public static WeaveScope thread(String threadId) {
    return Scopes.thread(threadId);
  }

  /** {@link #thread(String)} with a new UUIDv7 thread id. */
  public static WeaveScope thread() {
    return Scopes.thread(Scopes.newThreadId());
  }

  /**
   * Runs {@code body} and returns its result or exception (never thrown) with the Call of the first
   * op started directly in it: the analogue of Python's {@code op.call()}.
   */
  public static <T> CallResult<T> call(Callable<T> body) {
    return new CallOptions().call(body);
  }

  /** Options (display name, attributes, call id) for the first op started directly in a body. */
  public static CallOptions callOptions() {
    return new CallOptions();
  }

  /** {@code fn} traced as op {@code name}: each call is a Call with input {@code arg0}. */
  public static <A, R> Function<A, R> op(String name, Function<A, R> fn) {
    OpDescriptor op = LambdaOps.descriptor(name, 1);
    return a -> LambdaOps.invoke(op, new Object[] {a}, () -> fn.apply(a));
  }

  /** {@code fn} traced as op {@code name}: each call is a Call with no inputs. */
  public static <R> Supplier<R> op(String name, Supplier<R> fn) {
    OpDescriptor op = LambdaOps.descriptor(name, 0);
    return () -> LambdaOps.invoke(op, new Object[0], fn);
  }

  /** {@code fn} traced as op {@code name}: each call is a Call with inputs {@code arg0, arg1}. */
  public static <A, B, R> BiFunction<A, B, R> op(String name, BiFunction<A, B, R> fn) {
    OpDescriptor op = LambdaOps.descriptor(name, 2);
    return (a, b) -> LambdaOps.invoke(op, new Object[] {a, b}, () -> fn.apply(a, b));
  }

  /**
   * {@code executor}, with every task running under the tracing context of the thread that
   * submitted it: calls started in a task are children of the call that submitted it.
   */
  public static ExecutorService contextAware(ExecutorService executor) {
    return new ContextAwareExecutorService(executor);
  }

  /** {@code task}, run with the tracing context current now, on whatever thread runs it. */
  public static Runnable wrap(Runnable task) {
    return Scopes.wrap(task);
  }

  /** {@code task}, run with the tracing context current now, on whatever thread runs it. */
  public static <T> Callable<T> wrap(Callable<T> task) {
    return Scopes.wrap(task);
  }

  // Agent tracing: conversations, turns, LLM calls, tool calls and sub-agents as OpenTelemetry
  // GenAI spans (Weave's Agents view). See Conversation for the model.

  /**
   * Starts a conversation and makes it current: turns started while it is current (or from it)
   * carry its id, agent name, model and attributes. Not a span itself; end it with {@link
   * Conversation#end()} or try-with-resources. A no-op when tracing is disabled or not initialised.
   */
  public static Conversation startConversation(ConversationOptions options) {
    return AgentTracing.startConversation(Objects.requireNonNull(options, "options"));
  }

  /**
   * Starts a turn ({@code invoke_agent <agent>} span, the root of a new trace) of the current
   * conversation, or of none; {@code userMessage} is its input message. Ends the conversation's
   * turn still open. A no-op when tracing is disabled or not initialised.
   */
  public static Turn startTurn(String userMessage) {
    return AgentTracing.startTurn(userMessage);
  }

  /**
   * Starts an LLM call ({@code chat <model>} span) under the innermost open agent span, and makes
   * it current until it ends.
   *
   * @param model the requested model ({@code gen_ai.request.model})
   * @param providerName the provider ({@code gen_ai.provider.name}, e.g. {@code openai}); it is not
   *     inferred from the model
   */
  public static Llm startLlm(String model, String providerName) {
    return AgentTracing.startLlm(model, providerName);
  }

  /**
   * Starts a tool call ({@code execute_tool <name>} span) under the open LLM span, else the turn or
   * sub-agent, also on a thread the context was handed to.
   *
   * @param arguments the arguments as given (usually JSON text; recorded as is)
   * @param toolCallId the model's tool call id, or null
   */
  public static Tool startTool(String name, String arguments, String toolCallId) {
    return AgentTracing.startTool(name, arguments, toolCallId);
  }

  /**
   * Starts a sub-agent ({@code invoke_agent <name>} span) nested in the current turn's trace; the
   * LLM calls and tools started while it is current are its children.
   */
  public static SubAgent startSubagent(String name, String model) {
    return AgentTracing.startSubagent(name, model);
  }

  /** The conversation current here (on this thread or handed over with the context), if any. */
  public static Optional<Conversation> currentConversation() {
    return AgentTracing.currentConversation();
  }

  /** The turn current here, if it has not ended. */
  public static Optional<Turn> currentTurn() {
    return AgentTracing.currentTurn();
  }

  /** The LLM span current here, if it has not ended. */
  public static Optional<Llm> currentLlm() {
    return AgentTracing.currentLlm();
  }

  /** The tool span current here, if it has not ended. */
  public static Optional<Tool> currentTool() {
    return AgentTracing.currentTool();
  }

  /**
   * Records a finished exchange after the fact, with its own timestamps (upstream's {@code
   * log_turn}): a turn span of the conversation {@code conversation} describes (its id, or a new
   * one), with its LLM calls and their tool calls as children. Nothing becomes current.
   */
  public static LogResult logTurn(ConversationOptions conversation, LoggedTurn turn) {
    return TurnLogger.log(conversation, List.of(turn));
  }

  /** Records several finished turns of one conversation, as {@link #logTurn} does one. */
  public static LogResult logConversation(
      ConversationOptions conversation, List<LoggedTurn> turns) {
    return TurnLogger.log(conversation, turns);
  }

  /** Waits (bounded) until every call recorded so far has been exported. */
  public static void flush() {
    client().flush();
  }

  /** Flushes and stops tracing; later calls are not traced until the next {@code init}. */
  public static void finish() {
    WeaveRuntime.shutdown();
  }
}
