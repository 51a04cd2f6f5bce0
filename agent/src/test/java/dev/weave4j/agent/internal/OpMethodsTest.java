package dev.weave4j.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.agent.internal.OpFixtures.AbstractStep;
import dev.weave4j.agent.internal.OpFixtures.Base;
import dev.weave4j.agent.internal.OpFixtures.BaseHandler;
import dev.weave4j.agent.internal.OpFixtures.BoundedImpl;
import dev.weave4j.agent.internal.OpFixtures.ConcreteStep;
import dev.weave4j.agent.internal.OpFixtures.DeepHandler;
import dev.weave4j.agent.internal.OpFixtures.Derived;
import dev.weave4j.agent.internal.OpFixtures.Greeter;
import dev.weave4j.agent.internal.OpFixtures.GreeterImpl;
import dev.weave4j.agent.internal.OpFixtures.IdentityImpl;
import dev.weave4j.agent.internal.OpFixtures.OwnAnnotationWins;
import dev.weave4j.agent.internal.OpFixtures.PoliteGreeterImpl;
import dev.weave4j.agent.internal.OpFixtures.Shapes;
import dev.weave4j.agent.internal.OpFixtures.StringHandler;
import dev.weave4j.agent.internal.OpFixtures.Unrelated;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import org.junit.jupiter.api.Test;

class OpMethodsTest {

  private static List<String> tracedSignatures(Class<?> type) {
    return FixturePool.ops(type).keySet().stream()
        .map(m -> m.getName() + m.getDescriptor())
        .sorted()
        .toList();
  }

  private static String opName(Class<?> type, String method) {
    AnnotationDescription op = FixturePool.op(type, method).orElseThrow().getValue().op();
    return op.getValue("name").resolve(String.class);
  }

  @Test
  void everyAnnotatedMethodShapeIsTraced() {
    assertThat(tracedSignatures(Shapes.class))
        .containsExactly(
            "fixed(Ljava/lang/String;)Ljava/lang/String;",
            "ignoring(Ljava/lang/String;Ljava/lang/String;D)Ljava/lang/String;",
            "instance(Ljava/lang/String;I)Ljava/lang/String;",
            "locked(Ljava/lang/String;)Ljava/lang/String;",
            "max(Ljava/lang/Comparable;Ljava/lang/Comparable;)Ljava/lang/Comparable;",
            "named(Ljava/lang/String;)Ljava/lang/String;",
            "secret(Ljava/lang/String;)Ljava/lang/String;",
            "twice(JD)J",
            "withLambda(Ljava/lang/String;)Ljava/util/function/Supplier;");
  }

  @Test
  void constructorsLambdasAndPlainMethodsAreNotTraced() {
    assertThat(FixturePool.ops(Shapes.class).keySet())
        .noneMatch(MethodDescription::isConstructor)
        .noneMatch(MethodDescription::isSynthetic)
        .noneMatch(m -> m.getName().startsWith("lambda$"))
        .noneMatch(m -> m.getName().equals("plain"));
  }

  @Test
  void defaultInterfaceMethodIsTracedAbstractOneIsNot() {
    assertThat(tracedSignatures(Greeter.class))
        .containsExactly("wave(Ljava/lang/String;)Ljava/lang/String;");
  }

  @Test
  void implementationOfAnnotatedInterfaceMethodIsTraced() {
    Map<MethodDescription, OpMethods.OpSource> ops = FixturePool.ops(GreeterImpl.class);

    assertThat(tracedSignatures(GreeterImpl.class))
        .containsExactly("greet(Ljava/lang/String;)Ljava/lang/String;");
    assertThat(ops.values().iterator().next().op().getValue("kind").resolve(String.class))
        .isEqualTo("tool");
  }

  @Test
  void annotationIsInheritedThroughInterfaceChain() {
    assertThat(tracedSignatures(PoliteGreeterImpl.class))
        .containsExactly(
            "greet(Ljava/lang/String;)Ljava/lang/String;",
            "wave(Ljava/lang/String;)Ljava/lang/String;");
  }

  @Test
  void implementationOfAnnotatedAbstractMethodIsTraced() {
    assertThat(tracedSignatures(AbstractStep.class)).isEmpty();
    assertThat(tracedSignatures(ConcreteStep.class))
        .containsExactly("step(Ljava/lang/String;)Ljava/lang/String;");
    assertThat(opName(ConcreteStep.class, "step")).isEqualTo("step");
  }

  @Test
  void overrideOfAnnotatedSuperclassMethodIsTraced() {
    assertThat(tracedSignatures(Derived.class))
        .containsExactly("run(Ljava/lang/String;)Ljava/lang/String;");
    assertThat(opName(Derived.class, "run")).isEqualTo("base-run");
  }

  @Test
  void staticAndPrivateMethodsNeverInherit() {
    assertThat(FixturePool.op(Derived.class, "util")).isEmpty();
    assertThat(FixturePool.op(Derived.class, "hidden")).isEmpty();
    assertThat(tracedSignatures(Base.class))
        .containsExactly(
            "hidden(Ljava/lang/String;)Ljava/lang/String;",
            "run(Ljava/lang/String;)Ljava/lang/String;",
            "util(Ljava/lang/String;)Ljava/lang/String;");
  }

  @Test
  void ownAnnotationWinsOverInheritedOne() {
    assertThat(opName(OwnAnnotationWins.class, "run")).isEqualTo("own");
  }

  @Test
  void genericOverrideIsTracedOnce() {
    Map<MethodDescription, OpMethods.OpSource> ops = FixturePool.ops(StringHandler.class);

    assertThat(ops).hasSize(1);
    MethodDescription traced = ops.keySet().iterator().next();
    assertThat(traced.isBridge()).isFalse();
    assertThat(traced.getDescriptor()).isEqualTo("(Ljava/lang/String;)Ljava/lang/String;");
    // The compiler did emit a bridge handle(Object): it is there, but not traced.
    assertThat(FixturePool.describe(StringHandler.class).getDeclaredMethods())
        .anyMatch(m -> m.getName().equals("handle") && m.isBridge());
  }

  @Test
  void genericOverrideThroughGenericSuperclassIsTracedOnce() {
    assertThat(tracedSignatures(BaseHandler.class)).isEmpty();
    assertThat(tracedSignatures(DeepHandler.class))
        .containsExactly("handle(Ljava/lang/Integer;)Ljava/lang/String;");
  }

  @Test
  void boundedGenericOverrideIsTracedButNotOverloads() {
    assertThat(tracedSignatures(BoundedImpl.class))
        .containsExactly("measure(Ljava/lang/StringBuilder;)I");
  }

  @Test
  void genericMethodImplementationIsTraced() {
    assertThat(tracedSignatures(IdentityImpl.class))
        .containsExactly("identity(Ljava/lang/Object;)Ljava/lang/Object;");
  }

  @Test
  void anonymousImplementationIsTraced() {
    assertThat(tracedSignatures(OpFixtures.anonymousGreeter().getClass()))
        .containsExactly("greet(Ljava/lang/String;)Ljava/lang/String;");
  }

  @Test
  void covariantOverrideIsTracedOnce() {
    assertThat(tracedSignatures(OpFixtures.CovariantFactory.class))
        .containsExactly("make(Ljava/lang/String;)Ljava/lang/String;");
  }

  @Test
  void overrideOfAnnotatedGenericSuperclassMethodIsTracedOnce() {
    assertThat(tracedSignatures(OpFixtures.UserRepository.class))
        .containsExactly("save(Ljava/lang/StringBuilder;)Ljava/lang/String;");
    assertThat(opName(OpFixtures.UserRepository.class, "save")).isEqualTo("repo-save");
  }

  @Test
  void annotationIsInheritedPastAnUnannotatedOverride() {
    assertThat(tracedSignatures(OpFixtures.LoudGreeter.class))
        .containsExactly("greet(Ljava/lang/String;)Ljava/lang/String;");
  }

  @Test
  void unrelatedMethodWithSameNameIsNotTraced() {
    assertThat(FixturePool.ops(Unrelated.class)).isEmpty();
  }
}
