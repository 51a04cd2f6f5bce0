package dev.weave4j.it.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.ItEnv;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.testing.providers.Canned;
import dev.weave4j.testing.providers.ProviderTestServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One LLM SDK's app run twice against a fresh local provider server: without the agent (the
 * reference its output must equal) and under the packaged agent ({@link #traced}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SdkAppRuns {

  private final String appClass;
  private final String sdk;
  private final String groupPath;

  ProviderTestServer server;
  JvmRun reference;
  JvmRun traced;

  /**
   * An app run on its integration module's class path only (no older SDK lines).
   *
   * @param appClass the app's main class
   * @param sdk the integration module's folder name, for {@link ItEnv#sdkAppClasspath}
   */
  SdkAppRuns(String appClass, String sdk) {
    this(appClass, sdk, null);
  }

  /**
   * @param appClass the app's main class
   * @param sdk the SDK's folder name, for {@link ItEnv#sdkAppClasspath}
   * @param groupPath the folder of the SDK's jars in the local repository, e.g. {@code com/openai}
   */
  SdkAppRuns(String appClass, String sdk, String groupPath) {
    this.appClass = appClass;
    this.sdk = sdk;
    this.groupPath = groupPath;
  }

  /**
   * The version of an older SDK line to run on (its jars under {@code groupPath} in the local
   * repository, the rest the newest line's); null (the default) for the newest line.
   */
  String olderVersion() {
    return null;
  }

  /**
   * Whether this is the newest SDK line. Settings behave alike on every line (the integration reads
   * them, not the SDK), so their extra JVM runs are made on the newest line only.
   */
  boolean newestLine() {
    return olderVersion() == null;
  }

  private String classpath() {
    return newestLine()
        ? ItEnv.sdkAppClasspath(sdk)
        : ItEnv.sdkAppClasspath(sdk, groupPath, olderVersion());
  }

  /** The base URL the app is given: the server's, unless the SDK wants another path. */
  String baseUrl(ProviderTestServer s) {
    return s.baseUrl();
  }

  AgentJvm app() {
    return app(appClass);
  }

  /** App {@code main} of the SDK's test classes, given the server's base URL and {@code args}. */
  AgentJvm app(String main, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = baseUrl(server);
    System.arraycopy(args, 0, all, 1, args.length);
    // an SDK app makes a dozen HTTP calls on a heavy class path: give a loaded machine time
    return AgentJvm.app(main, all).withClasspath(classpath()).withTimeout(Duration.ofMinutes(4));
  }

  /**
   * Runs {@code opApp} under the agent (an app whose {@code @WeaveOp("answer")} makes one plain and
   * one streamed SDK call) and checks that both calls are children of the op, their token usage
   * ({@code inTokens}, {@code outTokens} of {@code model}) summed into its summary as for ops.
   *
   * @return the op's call
   */
  CallNode assertSdkCallsAreChildrenOfTheOp(
      String opApp, String model, String inTokens, String outTokens) {
    JvmRun run = app(opApp).run().assertSuccess();
    assertThat(run.stdout()).contains("answer: ");
    CallNode answer = run.store().root("answer");
    assertThat(answer.children())
        .hasSize(2)
        .allSatisfy(
            c -> {
              assertThat(c.attributes().path("weave").path("kind").asText()).isEqualTo("llm");
              assertThat(c.traceId()).isEqualTo(answer.traceId());
            });
    JsonNode usage = answer.summary().path("usage").path(Canned.responseModel(model));
    assertThat(usage.path("requests").asInt()).isEqualTo(2);
    assertThat(usage.path(inTokens).asInt()).isEqualTo(2 * Canned.PROMPT_TOKENS);
    assertThat(usage.path(outTokens).asInt()).isEqualTo(2 * Canned.COMPLETION_TOKENS);
    return answer;
  }

  /**
   * Runs the app under the agent with {@code weave.integrations.<integration>.op_name}, {@code
   * call_display_name} and {@code postprocess_inputs} set (and {@code more}, key and value pairs),
   * checks the app's output is unchanged and returns the run: every call of the SDK is recorded as
   * op {@code llm}, named by its model, with the model as its only input.
   */
  JvmRun assertOpSettingsApply(String integration, int calls, String... more) {
    assumeTrue(newestLine(), "op settings are proven on the newest line");
    String prefix = "weave.integrations." + integration + ".";
    String pkg = appClass.substring(0, appClass.lastIndexOf('.') + 1);
    AgentJvm app =
        app()
            .withSysProp(prefix + "op_name", "llm")
            .withSysProp(prefix + "call_display_name", "{inputs.model}")
            .withSysProp(prefix + "postprocess_inputs", pkg + "KeepModelOnly");
    for (int i = 0; i + 1 < more.length; i += 2) {
      app = app.withSysProp(more[i], more[i + 1]);
    }
    JvmRun run = app.run().assertSuccess();
    assertThat(run.stdout()).isEqualTo(reference.stdout());
    List<CallNode> llm = run.store().calls("llm");
    assertThat(llm).hasSize(calls);
    assertThat(run.store().calls()).hasSize(calls);
    for (CallNode call : llm) {
      String model = call.inputs().path("model").asText();
      assertThat(model).isNotEmpty();
      assertThat(call.inputs().size()).isEqualTo(1);
      assertThat(call.json().path("display_name").asText()).isEqualTo(model);
    }
    return run;
  }

  @BeforeAll
  void runApp() throws IOException {
    server = ProviderTestServer.start();
    reference = app().withoutAgent().run().assertSuccess();
    traced = app().run().assertSuccess();
  }

  @AfterAll
  void stopServer() {
    server.close();
  }
}
