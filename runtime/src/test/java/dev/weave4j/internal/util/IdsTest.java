package dev.weave4j.internal.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void idIsCanonicalLowerCaseUuid() {
    String id = Ids.uuid7();

    assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(UUID.fromString(id).toString()).isEqualTo(id);
  }

  @Test
  void versionIsSevenAndVariantIsRfc() {
    for (int i = 0; i < 1_000; i++) {
      UUID uuid = UUID.fromString(Ids.uuid7());
      assertThat(uuid.version()).isEqualTo(7);
      assertThat(uuid.variant()).isEqualTo(2); // binary 10
    }
  }

  @Test
  void timePrefixIsCurrentMillis() {
    long before = System.currentTimeMillis();
    UUID uuid = UUID.fromString(Ids.uuid7());
    long after = System.currentTimeMillis();

    long millis = uuid.getMostSignificantBits() >>> 16;
    assertThat(millis).isBetween(before, after);
  }

  @Test
  void idsAreOrderedAcrossMilliseconds() {
    String first = Ids.uuid7();
    long startMillis = System.currentTimeMillis();
    // Spin (no sleep) until the clock has moved on by at least one millisecond.
    while (System.currentTimeMillis() <= startMillis) {
      Thread.onSpinWait();
    }
    String second = Ids.uuid7();

    assertThat(second).isGreaterThan(first);
  }

  @Test
  void idsAreUnique() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      ids.add(Ids.uuid7());
    }
    assertThat(ids).hasSize(100_000);
  }

  @Test
  void callIdTextIsTheUuidOfItsTimeAndTheSameEachTimeItIsAsked() {
    CallId id = CallId.uuid7(1_767_225_600_123L);

    String text = id.toString();
    assertThat(UUID.fromString(text).getMostSignificantBits() >>> 16).isEqualTo(1_767_225_600_123L);
    assertThat(id.toString()).isSameAs(text);
  }

  @Test
  void aCallIdGivenAsTextIsThatTextAndEqualToAnotherOfIt() {
    CallId given = CallId.of("my-call-1");

    assertThat(given.toString()).isEqualTo("my-call-1");
    assertThat(given).isEqualTo(CallId.of("my-call-1")).hasSameHashCodeAs(CallId.of("my-call-1"));
    assertThat(given).isNotEqualTo(CallId.of("my-call-2"));
  }
}
