package dev.weave4j.it.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.TraceStore;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A Spring Boot fixture app (integration-tests/fixtures) started from its executable jar under the
 * packaged agent; HTTP requests are sent to it, it is stopped, and its local store is read: each
 * request is one trace, each op reached through a Spring proxy one call named as the bean's method,
 * and work handed to other threads stays under the call that handed it over.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SpringBootAppRuns {

  private final String module;
  private final String[] appArgs;

  private String firstBody;
  private String secondBody;
  private String tokensBody;
  private JvmRun run;
  private TraceStore store;

  /**
   * @param module the fixture module whose jar is started
   * @param appArgs Spring Boot arguments ({@code --key=value})
   */
  SpringBootAppRuns(String module, String... appArgs) {
    this.module = module;
    this.appArgs = appArgs;
  }

  @BeforeAll
  void runApp() {
    Path jar = BootAppProcess.fixtureJar(module);
    try (BootAppProcess app = BootAppProcess.start(jar, true, appArgs)) {
      firstBody = app.get("/facts?topic=tea");
      secondBody = app.get("/facts?topic=tea"); // the cached fact
      tokensBody = app.get("/tokens?topic=tea");
      run = app.stop();
    }
    store = run.store();
  }

  @Test
  void eachRequestIsOneTraceAndTheAppAnswersAsWithoutTheAgent() {
    assertThat(firstBody)
        .contains("\"fact\":\"found fact:tea\"")
        .contains("\"summary\":\"found summary:tea\"")
        .contains("\"greeting\":\"hello tea\"")
        .contains("\"pooled\":\"found pooled:tea\"");
    assertThat(secondBody).isEqualTo(firstBody);
    assertThat(run.stderr()).as("the agent reports no problem").doesNotContain("weave4j");
    assertThat(store.roots().stream().map(CallNode::opName))
        .containsExactly("FactController.facts", "FactController.facts", "FactService.tokens");
    assertThat(store.calls().stream().map(CallNode::traceId).distinct()).hasSize(3);
  }

  @Test
  void opsBehindSpringProxiesAreOneCallEachNamedAsTheBeansMethods() {
    for (CallNode request : store.calls("FactController.facts")) {
      assertThat(sorted(request.children()))
          .containsExactly(
              "FactService.fact",
              "FactService.save",
              "FactService.summarize",
              "FactService.timed",
              "Greeter.greet",
              "Lookups.lookup",
              "Lookups.lookup");
      assertThat(request.child("FactService.save").children())
          .extracting(c -> c.inputs().path("key").asText())
          .containsExactly("saved:tea");
      CallNode greet = request.child("Greeter.greet");
      assertThat(greet.inputs().toString()).isEqualTo("{\"name\":\"tea\"}");
      assertThat(greet.output().asText()).isEqualTo("hello tea");
      assertThat(greet.children()).isEmpty();
    }
    assertThat(store.calls())
        .extracting(CallNode::opName)
        .noneMatch(name -> name.contains("CGLIB") || name.contains("Proxy"))
        .noneMatch(name -> name.startsWith("FriendlyGreeter"));
  }

  @Test
  void aCacheHitIsStillACallOfTheBeansMethodWithTheCachedAnswer() {
    List<CallNode> requests = store.calls("FactController.facts");
    CallNode miss = requests.get(0).child("FactService.fact");
    CallNode hit = requests.get(1).child("FactService.fact");

    assertThat(miss.children()).extracting(CallNode::opName).containsExactly("Lookups.lookup");
    assertThat(hit.children()).isEmpty();
    assertThat(hit.inputs().toString()).isEqualTo("{\"topic\":\"tea\"}");
    assertThat(hit.output().asText()).isEqualTo("found fact:tea").isEqualTo(miss.output().asText());
  }

  @Test
  void aroundAdviceRunsInsideTheCallOfTheAdvisedMethod() {
    for (CallNode request : store.calls("FactController.facts")) {
      assertThat(request.child("FactService.timed").children())
          .extracting(c -> c.inputs().path("key").asText())
          .containsExactly("advice:timed", "timed:tea");
    }
  }

  @Test
  void workHandedToOtherThreadsStaysUnderTheCallThatHandedItOver() {
    for (CallNode request : store.calls("FactController.facts")) {
      CallNode async = request.child("FactService.summarize");
      assertThat(async.children())
          .extracting(c -> c.inputs().path("key").asText())
          .containsExactly("summary:tea");
      assertThat(async.output().toString()).contains("found summary:tea");
      assertThat(request.children("Lookups.lookup"))
          .extracting(c -> c.inputs().path("key").asText())
          .containsExactlyInAnyOrder("pooled:tea", "scheduled:tea");
    }
  }

  @Test
  void aStreamedFluxArrivesIntactAndItsCallEndsWithTheWholeOutput() {
    assertThat(tokensBody.replaceAll("(?m)^data:", "").replace("\n", ""))
        .isEqualTo("tokens about tea");
    CallNode tokens = store.root("FactService.tokens");
    assertThat(tokens.output().toString()).contains("tokens ").contains("about ").contains("tea");
    assertThat(tokens.endedAt()).isNotNull();
    assertThat(tokens.children())
        .extracting(c -> c.inputs().path("key").asText())
        .containsExactly("tokens ", "about ", "tea");
  }

  /** The feature version of the JDK the app ran on, from Spring's "Starting … using Java N". */
  int appJavaVersion() {
    Matcher m = Pattern.compile("using Java (\\d+)").matcher(run.stdout());
    assertThat(m.find()).as("Spring's start-up line names the JDK").isTrue();
    return Integer.parseInt(m.group(1));
  }

  /** The body of the first {@code /facts} request. */
  String firstBody() {
    return firstBody;
  }

  private static List<String> sorted(List<CallNode> calls) {
    return calls.stream().map(CallNode::opName).sorted().collect(Collectors.toList());
  }
}
