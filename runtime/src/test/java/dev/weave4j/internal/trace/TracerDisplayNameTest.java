package dev.weave4j.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.Call;
import dev.weave4j.CallResult;
import dev.weave4j.Weave;
import dev.weave4j.WeaveScope;
import dev.weave4j.annotations.CallDisplayName;
import dev.weave4j.annotations.CallInfo;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Display names: literal, template, function, per call, after the fact; elision; failures. */
class TracerDisplayNameTest {

  private final TracerFixture f = new TracerFixture();

  /** The namer of the upstream docs' attributes example. */
  static final class ModelRevisionDate implements CallDisplayName {
    @Override
    public String displayName(CallInfo call) {
      Map<String, Object> a = call.attributes();
      return a.get("model") + "__" + a.get("revision") + "__" + a.get("date");
    }
  }

  @Test
  void noNameByDefault() {
    f.call(TracerFixture.op("Greeter.hello", "name").build(), new Object[] {"World"}, "hi");

    assertThat(f.start("Greeter.hello").displayName()).isNull();
    assertThat(f.updates()).isEmpty();
  }

  @Test
  void literalName() {
    OpDescriptor op =
        TracerFixture.op("Greeter.hello", "name")
            .displayNameTemplate("My Custom Display Name")
            .build();

    f.call(op, new Object[] {"World"}, "hi");

    assertThat(f.start("Greeter.hello").displayName()).isEqualTo("My Custom Display Name");
  }

  @Test
  void templateFillsInputsAttributesAndOp() {
    OpDescriptor op =
        TracerFixture.op("Greeter.hello", "name", "count")
            .displayNameTemplate("{op}: {inputs.name} x{inputs.count} for { attributes.user }")
            .build();

    try (WeaveScope s = Weave.attributes(Map.of("user", "ada"))) {
      f.call(op, new Object[] {"World", 3}, "hi");
    }

    assertThat(f.start("Greeter.hello").displayName()).isEqualTo("Greeter.hello: World x3 for ada");
  }

  @Test
  void templateRendersNullInputAsNull() {
    OpDescriptor op =
        TracerFixture.op("Greeter.hello", "name")
            .displayNameTemplate("hello {inputs.name}")
            .build();

    f.call(op, new Object[] {null}, "hi");

    assertThat(f.start("Greeter.hello").displayName()).isEqualTo("hello null");
  }

  @Test
  void functionGetsTheCallWithAttributesAsInTheDocsExample() {
    AtomicReference<CallInfo> seen = new AtomicReference<>();
    OpDescriptor op =
        TracerFixture.op("Docs.func")
            .displayNameFn(
                HookRef.of(
                    call -> {
                      seen.set(call);
                      return new ModelRevisionDate().displayName(call);
                    },
                    CallDisplayName.class))
            .build();

    try (WeaveScope s =
        Weave.attributes(
            Map.of(
                "model", "finetuned-llama-3.1-8b", "revision", "v0.1.2", "date", "2024-08-01"))) {
      f.call(op, new Object[0], null);
    }
    try (WeaveScope s =
        Weave.attributes(
            Map.of("model", "finetuned-gpt-4o", "revision", "v0.1.3", "date", "2024-08-02"))) {
      f.call(op, new Object[0], null);
    }

    assertThat(f.starts("Docs.func"))
        .extracting(TracerFixture.Start::displayName)
        .containsExactly(
            "finetuned-llama-3.1-8b__v0.1.2__2024-08-01", "finetuned-gpt-4o__v0.1.3__2024-08-02");
    CallInfo info = seen.get();
    assertThat(info.opName()).isEqualTo("Docs.func");
    assertThat(info.funcName()).isEqualTo("func");
    assertThat(info.id()).isEqualTo(f.starts("Docs.func").get(1).id());
    assertThat(info.parentId()).isNull();
  }

  @Test
  void functionSeesInputsIdsAndParent() {
    AtomicReference<CallInfo> seen = new AtomicReference<>();
    OpDescriptor child =
        TracerFixture.op("T.child", "q")
            .displayNameFn(
                HookRef.of(
                    call -> {
                      seen.set(call);
                      return call.funcName() + "(" + call.inputs().get("q") + ")";
                    },
                    CallDisplayName.class))
            .build();
    OpDescriptor parent = TracerFixture.op("T.parent").build();

    f.call(parent, new Object[0], null, () -> f.call(child, new Object[] {"x"}, 1));

    assertThat(f.start("T.child").displayName()).isEqualTo("child(x)");
    assertThat(seen.get().parentId()).isEqualTo(f.start("T.parent").id());
    assertThat(seen.get().traceId()).isEqualTo(f.start("T.parent").traceId());
  }

  @Test
  void functionWinsOverTemplateAndNullMeansNone() {
    OpDescriptor op =
        TracerFixture.op("T.op")
            .displayNameTemplate("template")
            .displayNameFn(HookRef.of(call -> "function", CallDisplayName.class))
            .build();
    OpDescriptor nullNamer =
        TracerFixture.op("T.null")
            .displayNameFn(HookRef.of(call -> null, CallDisplayName.class))
            .build();

    f.call(op, new Object[0], null);
    f.call(nullNamer, new Object[0], null);

    assertThat(f.start("T.op").displayName()).isEqualTo("function");
    assertThat(f.start("T.null").displayName()).isNull();
  }

  @Test
  void perCallNameWinsOverFunctionAndTemplate() {
    OpDescriptor fn =
        TracerFixture.op("T.fn")
            .displayNameFn(HookRef.of(call -> "function", CallDisplayName.class))
            .build();
    OpDescriptor template = TracerFixture.op("T.template").displayNameTemplate("template").build();

    CallResult<Object> r1 =
        Weave.callOptions().displayName("per call").call(() -> f.call(fn, new Object[0], "x"));
    Weave.callOptions().displayName("per call 2").call(() -> f.call(template, new Object[0], "y"));

    assertThat(f.start("T.fn").displayName()).isEqualTo("per call");
    assertThat(f.start("T.template").displayName()).isEqualTo("per call 2");
    assertThat(r1.result()).isEqualTo("x");
    assertThat(r1.call())
        .get()
        .extracting(Call::displayName)
        .isEqualTo(java.util.Optional.of("per call"));
  }

  @Test
  void perCallNameAppliesOnlyToTheFirstOpStartedDirectlyInTheBody() {
    OpDescriptor outer = TracerFixture.op("T.outer").build();
    OpDescriptor inner = TracerFixture.op("T.inner").build();
    OpDescriptor second = TracerFixture.op("T.second").build();

    Weave.callOptions()
        .displayName("named")
        .run(
            () -> {
              f.call(outer, new Object[0], null, () -> f.call(inner, new Object[0], null));
              f.call(second, new Object[0], null);
            });

    assertThat(f.start("T.outer").displayName()).isEqualTo("named");
    assertThat(f.start("T.inner").displayName()).isNull();
    assertThat(f.start("T.second").displayName()).isNull();
  }

  @Test
  void setAndRemoveAfterTheFactAreRecordedAsCallUpdates() {
    OpDescriptor op = TracerFixture.op("Greeter.hello", "name").build();

    CallResult<Object> r = Weave.call(() -> f.call(op, new Object[] {"World"}, "Hello, World!"));
    Call call = r.call().orElseThrow();
    call.setDisplayName("My Custom Display Name");

    assertThat(call.displayName()).contains("My Custom Display Name");
    call.removeDisplayName();
    assertThat(call.displayName()).isEmpty();

    List<JsonNode> updates = f.updates();
    assertThat(updates)
        .containsExactly(
            TracerFixture.json(
                "{'project_id':'local/unit','call_id':'"
                    + call.id()
                    + "','display_name':'My Custom Display Name'}"),
            TracerFixture.json(
                "{'project_id':'local/unit','call_id':'" + call.id() + "','display_name':''}"));
  }

  @Test
  void setDisplayNameWhileTheCallRuns() {
    OpDescriptor op = TracerFixture.op("T.op").build();

    f.call(op, new Object[0], null, () -> Weave.currentCall().orElseThrow().setDisplayName("live"));

    assertThat(f.start("T.op").displayName()).isNull();
    assertThat(f.updates()).hasSize(1);
    assertThat(f.updates().get(0).get("display_name").asText()).isEqualTo("live");
    assertThat(f.updates().get(0).get("call_id").asText()).isEqualTo(f.start("T.op").id());
  }

  @Test
  void emptyNamesAreRejected() {
    OpDescriptor op = TracerFixture.op("T.op").build();
    Call call = Weave.call(() -> f.call(op, new Object[0], null)).call().orElseThrow();

    assertThatThrownBy(() -> call.setDisplayName("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> call.setDisplayName(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Weave.callOptions().displayName(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(f.updates()).isEmpty();
  }

  @Test
  void longNamesAreElidedToTheFirst1021CharsAndDots() {
    String longName = "a".repeat(1000) + "b".repeat(100);
    String elided = longName.substring(0, 1021) + "...";
    String exact = "c".repeat(1024);
    OpDescriptor template =
        TracerFixture.op("T.template", "s").displayNameTemplate("{inputs.s}").build();
    OpDescriptor fn =
        TracerFixture.op("T.fn")
            .displayNameFn(HookRef.of(c -> longName, CallDisplayName.class))
            .build();
    OpDescriptor exactOp = TracerFixture.op("T.exact").displayNameTemplate(exact).build();
    OpDescriptor plain = TracerFixture.op("T.plain").build();

    f.call(template, new Object[] {longName}, null);
    f.call(fn, new Object[0], null);
    f.call(exactOp, new Object[0], null);
    Weave.callOptions().displayName(longName).call(() -> f.call(plain, new Object[0], null));
    Call later = Weave.call(() -> f.call(plain, new Object[0], null)).call().orElseThrow();
    later.setDisplayName(longName);

    assertThat(elided).hasSize(1024);
    assertThat(f.start("T.template").displayName()).isEqualTo(elided);
    assertThat(f.start("T.fn").displayName()).isEqualTo(elided);
    assertThat(f.start("T.exact").displayName()).isEqualTo(exact);
    assertThat(f.starts("T.plain").get(0).displayName()).isEqualTo(elided);
    assertThat(f.updates().get(0).get("display_name").asText()).isEqualTo(elided);
    assertThat(later.displayName()).contains(elided);
  }

  @Test
  void throwingNamerLeavesNoNameAndCountsAHookError() throws Exception {
    OpDescriptor op =
        TracerFixture.op("T.op", "x")
            .displayNameFn(
                HookRef.of(
                    call -> {
                      throw new IllegalStateException("namer broke");
                    },
                    CallDisplayName.class))
            .build();
    long before = Diagnostics.count(Problem.HOOK_ERROR);

    Object result = f.run(op, new Object[] {1}, () -> "ran");

    assertThat(result).isEqualTo("ran");
    TracerFixture.Start s = f.start("T.op");
    assertThat(s.displayName()).isNull();
    assertThat(s.inputs()).isEqualTo(TracerFixture.json("{'x':1}"));
    assertThat(f.end(s.id()).output().asText()).isEqualTo("ran");
    assertThat(Diagnostics.count(Problem.HOOK_ERROR) - before).isEqualTo(1);
  }

  @Test
  void templateNamingAMissingInputOrUnknownPlaceholderLeavesNoNameAndCountsAHookError() {
    OpDescriptor missing =
        TracerFixture.op("T.missing", "x").displayNameTemplate("{inputs.nope}").build();
    OpDescriptor missingAttribute =
        TracerFixture.op("T.missingAttribute").displayNameTemplate("{attributes.nope}").build();
    OpDescriptor unknown = TracerFixture.op("T.unknown").displayNameTemplate("{output}").build();
    long before = Diagnostics.count(Problem.HOOK_ERROR);

    f.call(missing, new Object[] {1}, "a");
    f.call(missingAttribute, new Object[0], "b");
    f.call(unknown, new Object[0], "c");

    assertThat(f.starts()).extracting(TracerFixture.Start::displayName).containsOnlyNulls();
    assertThat(f.ends()).hasSize(3);
    assertThat(Diagnostics.count(Problem.HOOK_ERROR) - before).isEqualTo(3);
  }

  @Test
  void hookClassThatCannotBeCreatedLeavesNoName() {
    OpDescriptor op =
        TracerFixture.op("T.op")
            .displayNameFn(
                HookRef.lazy("no.such.Namer", getClass().getClassLoader(), CallDisplayName.class))
            .build();
    long before = Diagnostics.count(Problem.HOOK_ERROR);

    f.call(op, new Object[0], "ok");
    f.call(op, new Object[0], "ok");

    assertThat(f.starts()).extracting(TracerFixture.Start::displayName).containsOnlyNulls();
    assertThat(f.ends()).hasSize(2);
    assertThat(Diagnostics.count(Problem.HOOK_ERROR) - before).isGreaterThanOrEqualTo(2);
  }

  @Test
  void opNamesAreSanitisedAsWeaveObjectIds() {
    OpDescriptor op = OpDescriptor.builder("my op!", "myOp").build();
    f.call(op, new Object[0], null);

    assertThat(op.opName()).isEqualTo("my-op");
    assertThat(f.starts().get(0).opName()).isEqualTo("my-op");
    assertThat(OpNames.sanitize("My Custom Op Name")).isEqualTo("My-Custom-Op-Name");
    assertThat(OpNames.sanitize("Greeter.hello")).isEqualTo("Greeter.hello");
    assertThat(OpNames.sanitize("a  //  b")).isEqualTo("a-b");
    assertThat(OpNames.sanitize("__x__")).isEqualTo("x");
    assertThat(OpNames.sanitize("!!!")).isEqualTo("op");
    assertThat(OpNames.sanitize("x".repeat(200))).hasSize(128);
    assertThat(OpNames.sanitize("Outer.Inner_2.run")).isEqualTo("Outer.Inner_2.run");
    assertThat(OpNames.sanitize("a..b")).isEqualTo("a-b");
    assertThat(OpNames.sanitize("a_.b")).isEqualTo("a-b");
    assertThat(OpNames.sanitize(".x.")).isEqualTo(".x.");
    assertThat(OpNames.sanitize("_x")).isEqualTo("x");
    assertThat(OpNames.sanitize("Caf\u00e9.ask")).isEqualTo("Caf\u00e9.ask");
  }
}
