package dev.weave4j.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContextsTest {

  private static final OpDescriptor OP =
      new OpDescriptor("Test.op", "op", List.of(), new boolean[0], null);

  @AfterEach
  void clear() {
    Contexts.swap(null);
  }

  private static CallImpl call(String id, CallImpl parent) {
    return new CallImpl(OP, id, "trace", parent, Map.of(), Map.of(), 0);
  }

  @Test
  void swapReturnsTheReplacedContextAndNullClears() {
    CallImpl outer = call("outer", null);
    CallContext outerContext = new CallContext(outer, null);
    CallContext innerContext = new CallContext(call("inner", outer), outerContext);

    assertThat(Contexts.swap(outerContext)).isNull();
    assertThat(Contexts.swap(innerContext)).isSameAs(outerContext);
    assertThat(Contexts.currentCall().id()).isEqualTo("inner");
    assertThat(Contexts.swap(outerContext)).isSameAs(innerContext);
    assertThat(Contexts.current().call()).isSameAs(outer);
    assertThat(Contexts.swap(null)).isSameAs(outerContext);
    assertThat(Contexts.current()).isNull();
    assertThat(Contexts.currentCall()).isNull();
  }

  @Test
  void contextIsPerThread() throws Exception {
    Contexts.swap(new CallContext(call("mine", null), null));

    Object seenElsewhere = CompletableFuture.supplyAsync(Contexts::currentCall).get();

    assertThat(seenElsewhere).isNull();
    assertThat(Contexts.currentCall().id()).isEqualTo("mine");
  }

  @Test
  void opDescriptorWithoutKindHasEmptyKind() {
    assertThat(OP.kind()).isEmpty();
    assertThat(OP.bindInputs(new Object[0])).isEmpty();
  }

  @Test
  void opDescriptorBindsMissingArgumentsAsNull() {
    OpDescriptor op =
        new OpDescriptor(
            "A.b", "b", List.of("x", "secret", "y"), new boolean[] {false, true, false}, "");

    Map<String, Object> inputs = op.bindInputs(new Object[] {1});

    assertThat(inputs).containsOnlyKeys("x", "y").containsEntry("x", 1);
    assertThat(inputs.get("y")).isNull();
    assertThat(op.bindInputs(null)).containsOnlyKeys("x", "y");
  }
}
