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

  private static boolean candidate(WeaveTypeIndex index, Class<?> type) throws IOException {
    return index.isCandidate(internalName(type), bytes(type));
  }

  @Test
  void classNamingWeaveOpIsCandidate() throws IOException {
    WeaveTypeIndex index = new WeaveTypeIndex();

    assertThat(candidate(index, Shapes.class)).isTrue();
    assertThat(index.isBearing(internalName(Shapes.class))).isTrue();
  }

  @Test
  void unrelatedClassIsNotCandidate() throws IOException {
    WeaveTypeIndex index = new WeaveTypeIndex();
    candidate(index, Greeter.class);

    assertThat(candidate(index, Unrelated.class)).isFalse();
    assertThat(index.isBearing(internalName(Unrelated.class))).isFalse();
  }

  @Test
  void subtypeOfKnownTypeBecomesCandidate() throws IOException {
    WeaveTypeIndex index = new WeaveTypeIndex();
    // GreeterImpl's own bytes never name @WeaveOp; it inherits it.
    assertThat(WeaveTypeIndex.contains(bytes(GreeterImpl.class), descriptorBytes())).isFalse();

    assertThat(candidate(index, GreeterImpl.class)).isFalse();
    assertThat(candidate(index, Greeter.class)).isTrue();
    assertThat(candidate(index, GreeterImpl.class)).isTrue();
  }

  @Test
  void subtypeChainBecomesCandidate() throws IOException {
    WeaveTypeIndex index = new WeaveTypeIndex();

    assertThat(candidate(index, Greeter.class)).isTrue();
    assertThat(candidate(index, PoliteGreeter.class)).isTrue();
    assertThat(candidate(index, PoliteGreeterImpl.class)).isTrue();
    assertThat(index.isBearing(internalName(PoliteGreeterImpl.class))).isTrue();
  }

  @Test
  void markedBearingTypeMakesSubtypesCandidates() throws IOException {
    WeaveTypeIndex index = new WeaveTypeIndex();
    index.markBearing(internalName(OpFixtures.Handler.class));

    assertThat(candidate(index, StringHandler.class)).isTrue();
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
