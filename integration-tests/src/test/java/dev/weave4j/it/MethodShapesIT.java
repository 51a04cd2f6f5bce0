package dev.weave4j.it;

import static dev.weave4j.it.harness.CallAssert.assertThatCall;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.it.apps.MethodShapesApp;
import dev.weave4j.it.harness.AgentJvm;
import dev.weave4j.it.harness.CallAssert;
import dev.weave4j.it.harness.CallNode;
import dev.weave4j.it.harness.JvmRun;
import dev.weave4j.it.harness.TraceStore;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every method shape of {@link MethodShapesApp}, traced with real parameter names although the app
 * is compiled without {@code -parameters}; one call per invocation (bridges add none); varargs,
 * {@code @WeaveIgnore} and redaction.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MethodShapesIT {

  private JvmRun reference;
  private JvmRun traced;
  private CallNode root;

  @BeforeAll
  void runApp() {
    AgentJvm app = AgentJvm.app(MethodShapesApp.class);
    reference = app.withoutAgent().run().assertSuccess();
    traced = app.run();
  }

  /** The tree under the root op, read once through the command line. */
  private CallNode root() {
    if (root == null) {
      root = traced.cli().rootTree("MethodShapesApp.runAll");
    }
    return root;
  }

  @Test
  void appBehavesTheSameWithTheAgent() {
    traced.assertSameAppBehaviourAs(reference).assertNoProblemsReported(reference);
  }

  @Test
  void everyInvocationIsExactlyOneChildOfTheRoot() {
    assertThatCall(root())
        .isRoot()
        .hasInputs("{'label': 'shapes'}")
        .succeeded()
        .isConsistentTree()
        .hasChildOps(
            "Shapes.search",
            "Shapes.staticMix",
            "Shapes.privateEcho",
            "Shapes.finalLength",
            "Shapes.syncCounter",
            "Shapes.pick",
            "Shapes.pick",
            "Shapes.join",
            "Shapes.join",
            "Shapes.login",
            "Shapes.configure",
            "shapes.custom",
            "Inner.nestedOp",
            "Greeter.greet",
            "LengthScorer.score",
            "EchoTool.invoke",
            "CachedRetriever.retrieve",
            "StringHandler.handle",
            "StringHandler.handle");
    assertThat(root().output().asText()).isEqualTo(reference.stdout().strip());
  }

  @Test
  void parameterNamesAreTheSourceNamesWithoutTheParametersFlag() {
    assertThatCall(root().child("Shapes.search")).hasInputs("{'query': 'vector db', 'topK': 3}");
    // long and double take two local-variable slots each: names must still line up.
    assertThatCall(root().child("Shapes.staticMix"))
        .hasInputs("{'big': 10000000000, 'ratio': 0.25, 'label': 'quarter'}");
    for (CallNode c : root().subtree()) {
      assertThat(CallAssert.allFieldNames(c.inputs()))
          .as("input names of %s", c)
          .noneMatch(n -> n.matches("arg\\d+"))
          .doesNotContain("this");
    }
  }

  @Test
  void staticPrivateFinalAndSynchronizedMethodsAreTraced() {
    assertThatCall(root().child("Shapes.search"))
        .hasOutput("['vector db#0', 'vector db#1', 'vector db#2']")
        .succeeded();
    assertThatCall(root().child("Shapes.staticMix")).hasOutput("2500000007").succeeded();
    assertThatCall(root().child("Shapes.privateEcho"))
        .hasInputs("{'text': 'ab'}")
        .hasOutput("'abab'")
        .succeeded();
    assertThatCall(root().child("Shapes.finalLength"))
        .hasInputs("{'word': 'weave'}")
        .hasOutput("5")
        .succeeded();
    assertThatCall(root().child("Shapes.syncCounter"))
        .hasInputs("{'delta': 5}")
        .hasOutput("5")
        .succeeded();
  }

  @Test
  void genericMethodIsTracedForEachTypeArgument() {
    List<CallNode> picks = root().children("Shapes.pick");

    assertThat(picks).hasSize(2);
    assertThatCall(picks.get(0)).hasInputs("{'xs': ['first', 'second']}").hasOutput("'first'");
    assertThatCall(picks.get(1)).hasInputs("{'xs': [7, 8]}").hasOutput("7");
  }

  @Test
  void annotationOnASupertypeTracesTheMethodThatRuns() {
    assertThatCall(root().child("Greeter.greet"))
        .hasInputs("{'name': 'bob'}")
        .hasOutput("'hello bob'")
        .succeeded();
    // The implementation's own parameter name, not the interface's ("doc").
    assertThatCall(root().child("LengthScorer.score"))
        .hasInputs("{'document': 'twelve chars'}")
        .hasOutput("3.0")
        .succeeded();
    assertThatCall(root().child("EchoTool.invoke"))
        .hasInputs("{'command': 'ls'}")
        .hasOutput("'echo ls'")
        .succeeded();
    CallNode override = root().child("CachedRetriever.retrieve");
    assertThatCall(override)
        .hasInputs("{'question': 'why'}")
        .hasOutput("'cached(base:why)'")
        .hasChildOps("BaseRetriever.retrieve");
    assertThatCall(override.child("BaseRetriever.retrieve"))
        .hasInputs("{'question': 'why'}")
        .hasOutput("'base:why'");
  }

  @Test
  void bridgeMethodOfAGenericInterfaceAddsNoSecondCall() {
    List<CallNode> handles = root().children("StringHandler.handle");

    assertThat(handles).hasSize(2);
    assertThatCall(handles.get(0))
        .hasInputs("{'message': 'via interface'}")
        .hasOutput("'VIA INTERFACE'")
        .hasChildOps();
    assertThatCall(handles.get(1))
        .hasInputs("{'message': 'direct'}")
        .hasOutput("'DIRECT'")
        .hasChildOps();
    assertThat(traced.store().calls("StringHandler.handle")).hasSize(2);
  }

  @Test
  void varargsAreOneArrayInput() {
    List<CallNode> joins = root().children("Shapes.join");

    assertThat(joins).hasSize(2);
    assertThatCall(joins.get(0))
        .hasInputs("{'separator': '-', 'parts': ['a', 'b', 'c']}")
        .hasOutput("'a-b-c'");
    assertThatCall(joins.get(1)).hasInputs("{'separator': '+', 'parts': []}").hasOutput("''");
  }

  @Test
  void ignoredParameterIsNotRecordedAnywhere() {
    assertThatCall(root().child("Shapes.login"))
        .hasInputs("{'user': 'alice'}")
        .hasOutput("'alice logged in with a 8-char code'");
    assertNotStored("otp-4242");
  }

  @Test
  void sensitiveKeysAreRedactedInInputsAndOutputsAtAnyDepth() {
    assertThatCall(root().child("Shapes.configure"))
        .hasInputs(
            "{'settings': {'model': 'gpt-x', 'api_key': 'REDACTED',"
                + " 'nested': {'Authorization': 'REDACTED', 'headers': [{'PASSWORD': 'REDACTED'}],"
                + " 'region': 'eu'},"
                + " 'Secret': 'REDACTED', 'auth_headers': 'REDACTED'},"
                + " 'password': 'REDACTED'}")
        .hasOutput("{'model': 'gpt-x', 'api_key': 'REDACTED', 'password_length': 7}");
    assertNotStored("sk-secret-1", "hunter2", "tok-123", "pw-in-list", "shh", "k-999", "sk-out-2");
  }

  @Test
  void customOpNameAndNestedClassName() {
    assertThatCall(root().child("shapes.custom")).hasInputs("{'x': 'x'}").hasOutput("'named x'");
    assertThatCall(root().child("Inner.nestedOp")).hasInputs("{'n': 4}").hasOutput("'inner 4'");
  }

  private void assertNotStored(String... secrets) {
    TraceStore store = traced.store();
    for (TraceStore.Line line : store.lines()) {
      for (String secret : secrets) {
        assertThat(line.text()).as("stored line %s", line).doesNotContain(secret);
      }
    }
  }
}
