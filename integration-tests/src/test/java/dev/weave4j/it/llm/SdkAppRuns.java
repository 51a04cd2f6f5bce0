package dev.weave4j.it.llm;

import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.ItEnv;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.testing.providers.ProviderTestServer;
import java.io.IOException;
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

  ProviderTestServer server;
  JvmRun reference;
  JvmRun traced;

  /**
   * @param appClass the app's main class
   * @param sdk the SDK's folder name, for {@link ItEnv#sdkAppClasspath}
   */
  SdkAppRuns(String appClass, String sdk) {
    this.appClass = appClass;
    this.sdk = sdk;
  }

  /** The base URL the app is given: the server's, unless the SDK wants another path. */
  String baseUrl(ProviderTestServer s) {
    return s.baseUrl();
  }

  AgentJvm app() {
    return AgentJvm.app(appClass, baseUrl(server)).withClasspath(ItEnv.sdkAppClasspath(sdk));
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
