package dev.weave4j.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.agent.internal.OpFixtures.ConcreteStep;
import dev.weave4j.agent.internal.OpFixtures.Derived;
import dev.weave4j.agent.internal.OpFixtures.GreeterImpl;
import dev.weave4j.agent.internal.OpFixtures.SecretChatImpl;
import dev.weave4j.agent.internal.OpFixtures.Shapes;
import dev.weave4j.agent.internal.OpFixtures.StringHandler;
import dev.weave4j.internal.trace.OpDescriptor;
import dev.weave4j.internal.trace.OpDescriptorAccess;
import dev.weave4j.internal.trace.ReturnShape;
import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

class OpDescriptorsTest {

  private static OpDescriptor descriptor(Class<?> type, String method) {
    TypeDescription description = FixturePool.describe(type);
    Map.Entry<MethodDescription, OpMethods.OpSource> op =
        FixturePool.op(type, method).orElseThrow();
    return OpDescriptors.of(description, op.getKey(), op.getValue(), type.getClassLoader());
  }

  @Test
  void defaultOpNameIsSimpleClassNameDotMethod() {
    OpDescriptor op = descriptor(Shapes.class, "instance");

    assertThat(op.opName()).isEqualTo("Shapes.instance");
    assertThat(op.funcName()).isEqualTo("instance");
    assertThat(op.kind()).isEmpty();
  }

  @Test
  void nameOverrideIsTrimmedAndKindIsKept() {
    OpDescriptor op = descriptor(Shapes.class, "named");

    assertThat(op.opName()).isEqualTo("custom-name");
    assertThat(op.funcName()).isEqualTo("named");
    assertThat(op.kind()).isEqualTo("llm");
  }

  @Test
  void inheritedOpNamesTheImplementingClass() {
    assertThat(descriptor(GreeterImpl.class, "greet").opName()).isEqualTo("GreeterImpl.greet");
    assertThat(descriptor(GreeterImpl.class, "greet").kind()).isEqualTo("tool");
    assertThat(descriptor(StringHandler.class, "handle").opName())
        .isEqualTo("StringHandler.handle");
    assertThat(descriptor(Derived.class, "run").opName()).isEqualTo("base-run");
    assertThat(descriptor(ConcreteStep.class, "step").opName()).isEqualTo("step");
  }

  @Test
  void anonymousClassIsNamedByItsBinaryNameSanitizedAsAWeaveObjectId() {
    assertThat(descriptor(OpFixtures.anonymousGreeter().getClass(), "greet").opName())
        .isEqualTo("OpFixtures-1.greet");
  }

  @Test
  void parameterNamesAreReadWithoutParametersFlag() {
    assertThat(OpDescriptorAccess.bind(descriptor(Shapes.class, "instance"), "ab", 2))
        .containsExactly(Map.entry("text", "ab"), Map.entry("count", 2));
  }

  @Test
  void staticMethodWithWideParametersHasRealNames() {
    assertThat(OpDescriptorAccess.bind(descriptor(Shapes.class, "twice"), 3L, 1.5))
        .containsExactly(Map.entry("value", 3L), Map.entry("factor", 1.5));
  }

  @Test
  void implementationParameterNamesAreUsed() {
    assertThat(OpDescriptorAccess.bind(descriptor(GreeterImpl.class, "greet"), "Ada"))
        .containsExactly(Map.entry("who", "Ada"));
    assertThat(OpDescriptorAccess.bind(descriptor(Derived.class, "run"), "z"))
        .containsExactly(Map.entry("y", "z"));
  }

  @Test
  void genericMethodParameterNamesAreRead() {
    assertThat(OpDescriptorAccess.bind(descriptor(Shapes.class, "max"), "a", "b"))
        .containsExactly(Map.entry("left", "a"), Map.entry("right", "b"));
  }

  @Test
  void weaveIgnoreParameterIsNotRecorded() {
    assertThat(OpDescriptorAccess.bind(descriptor(Shapes.class, "ignoring"), "q", "sk-secret", 0.2))
        .containsExactly(Map.entry("query", "q"), Map.entry("temperature", 0.2));
  }

  @Test
  void weaveIgnoreOnTheAnnotatedInterfaceMethodAppliesToImplementations() {
    OpDescriptor op = descriptor(SecretChatImpl.class, "chat");

    assertThat(OpDescriptorAccess.bind(op, "hi", "s3cr3t")).containsOnlyKeys("prompt");
  }

  @Test
  void returnShapeIsDecidedFromTheDeclaredReturnType() {
    Class<?> r = OpFixtures.Returns.class;
    assertThat(descriptor(r, "iterator").returnShape()).isEqualTo(ReturnShape.ITERATOR);
    assertThat(descriptor(r, "iterable").returnShape()).isEqualTo(ReturnShape.ITERABLE);
    assertThat(descriptor(r, "stream").returnShape()).isEqualTo(ReturnShape.STREAM);
    assertThat(descriptor(r, "intStream").returnShape()).isEqualTo(ReturnShape.INT_STREAM);
    assertThat(descriptor(r, "spliterator").returnShape()).isEqualTo(ReturnShape.SPLITERATOR);
    assertThat(descriptor(r, "publisher").returnShape()).isEqualTo(ReturnShape.FLOW_PUBLISHER);
    assertThat(descriptor(r, "reactivePublisher").returnShape())
        .isEqualTo(ReturnShape.REACTIVE_PUBLISHER);
    assertThat(descriptor(r, "flux").returnShape()).isEqualTo(ReturnShape.FLUX);
    assertThat(descriptor(r, "mono").returnShape()).isEqualTo(ReturnShape.MONO);
    assertThat(descriptor(r, "connectableFlux").returnShape()).isEqualTo(ReturnShape.PLAIN);
    assertThat(descriptor(r, "stage").returnShape()).isEqualTo(ReturnShape.COMPLETION_STAGE);
    assertThat(descriptor(r, "future").returnShape()).isEqualTo(ReturnShape.COMPLETION_STAGE);
    assertThat(descriptor(r, "object").returnShape()).isEqualTo(ReturnShape.DYNAMIC);
    // Subtypes of the lazy interfaces cannot be replaced by a wrapper: left alone.
    assertThat(descriptor(r, "list").returnShape()).isEqualTo(ReturnShape.PLAIN);
    assertThat(descriptor(r, "listIterator").returnShape()).isEqualTo(ReturnShape.PLAIN);
    assertThat(descriptor(r, "primitive").returnShape()).isEqualTo(ReturnShape.PLAIN);
    assertThat(descriptor(Shapes.class, "instance").returnShape()).isEqualTo(ReturnShape.PLAIN);
  }
}
