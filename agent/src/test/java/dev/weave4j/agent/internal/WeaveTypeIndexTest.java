package dev.weave4j.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weave4j.agent.internal.OpFixtures.Greeter;
import dev.weave4j.agent.internal.OpFixtures.GreeterImpl;
import dev.weave4j.agent.internal.OpFixtures.PoliteGreeter;
import dev.weave4j.agent.internal.OpFixtures.PoliteGreeterImpl;
import dev.weave4j.agent.internal.OpFixtures.Shapes;
import dev.weave4j.agent.internal.OpFixtures.StringHandler;
import dev.weave4j.agent.internal.OpFixtures.Unrelated;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WeaveTypeIndexTest {

  private static String internalName(Class<?> type) {
    return type.getName().replace('.', '/');
  }

  private static byte[] bytes(Class<?> type) throws IOException {
    String resource = "/" + internalName(type) + ".class";
    try (InputStream in = type.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return in.readAllBytes();
    }
  }

  private static final ClassLoader LOADER = WeaveTypeIndexTest.class.getClassLoader();

  private static boolean candidate(WeaveTypeIndex index, Class<?> type) throws IOException {
    return index.isCandidate(LOADER, internalName(type), bytes(type));
  }

  @Test
  void classNamingWeaveOpIsCandidate() throws IOException {
    WeaveTypeIndex index = new WeaveTypeIndex();

    assertThat(candidate(index, Shapes.class)).isTrue();
    assertThat(index.isBearing(LOADER, internalName(Shapes.class))).isTrue();
  }

  @Test
  void unrelatedClassIsNotCandidate() throws IOException {
    WeaveTypeIndex index = new WeaveTypeIndex();

    assertThat(candidate(index, Unrelated.class)).isFalse();
    assertThat(index.isBearing(LOADER, internalName(Unrelated.class))).isFalse();
  }

  @Test
  void subtypeIsCandidateBeforeItsSupertypeWasEverSeen() throws IOException {
    // The JVM transforms a class before it loads the class's supertypes.
    WeaveTypeIndex index = new WeaveTypeIndex();
    assertThat(WeaveTypeIndex.contains(bytes(GreeterImpl.class), descriptorBytes())).isFalse();

    assertThat(candidate(index, GreeterImpl.class)).isTrue();
    assertThat(index.isBearing(LOADER, internalName(Greeter.class))).isTrue();
  }

  @Test
  void subtypeChainBecomesCandidate() throws IOException {
    WeaveTypeIndex index = new WeaveTypeIndex();

    assertThat(candidate(index, PoliteGreeterImpl.class)).isTrue();
    assertThat(index.isBearing(LOADER, internalName(PoliteGreeterImpl.class))).isTrue();
    assertThat(index.isBearing(LOADER, internalName(PoliteGreeter.class))).isTrue();
  }

  @Test
  void genericImplementationIsCandidate() throws IOException {
    assertThat(candidate(new WeaveTypeIndex(), StringHandler.class)).isTrue();
  }

  @Test
  void markedBearingTypeIsKnown() {
    WeaveTypeIndex index = new WeaveTypeIndex();
    index.markBearing(LOADER, internalName(OpFixtures.Handler.class));

    assertThat(index.isBearing(LOADER, internalName(OpFixtures.Handler.class))).isTrue();
  }

  @Test
  void containsFindsNeedleAnywhere() {
    byte[] needle = "abc".getBytes(StandardCharsets.US_ASCII);

    assertThat(WeaveTypeIndex.contains("abc".getBytes(StandardCharsets.US_ASCII), needle)).isTrue();
    assertThat(WeaveTypeIndex.contains("xxaabcx".getBytes(StandardCharsets.US_ASCII), needle))
        .isTrue();
    assertThat(WeaveTypeIndex.contains("xxab".getBytes(StandardCharsets.US_ASCII), needle))
        .isFalse();
    assertThat(WeaveTypeIndex.contains("ab".getBytes(StandardCharsets.US_ASCII), needle)).isFalse();
    assertThat(WeaveTypeIndex.contains(new byte[0], needle)).isFalse();
  }

  private static byte[] descriptorBytes() {
    return "Ldev/weave4j/annotations/WeaveOp;".getBytes(StandardCharsets.US_ASCII);
  }
}
