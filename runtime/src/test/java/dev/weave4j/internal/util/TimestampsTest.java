package dev.weave4j.internal.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  @Test
  void isoHasExactlySixFractionalDigitsAndZ() {
    assertThat(Timestamps.iso(0)).isEqualTo("1970-01-01T00:00:00.000000Z");
    assertThat(Timestamps.iso(1_738_326_896_123_456L)).isEqualTo("2025-01-31T12:34:56.123456Z");
    assertThat(Timestamps.iso(1_738_326_896_000_000L)).isEqualTo("2025-01-31T12:34:56.000000Z");
    assertThat(Timestamps.iso(1_738_326_896_000_010L)).isEqualTo("2025-01-31T12:34:56.000010Z");
  }

  @Test
  void isoAgreesWithTheJdkFormatterWithinAndAcrossSeconds() {
    java.time.format.DateTimeFormatter jdk =
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    java.util.Random random = new java.util.Random(42);
    long micros = 1_738_326_896_000_000L;
    for (int i = 0; i < 10_000; i++) {
      micros += random.nextInt(400_000) - 100_000; // mostly forward, sometimes back a second
      Instant expected = Instant.ofEpochSecond(0, micros * 1_000);
      assertThat(Timestamps.iso(micros)).isEqualTo(jdk.format(expected));
    }
  }

  @Test
  void timesBeforeEpochAreFormattedCorrectly() {
    assertThat(Timestamps.iso(-1)).isEqualTo("1969-12-31T23:59:59.999999Z");
  }

  @Test
  void nowMicrosMatchesTheClock() {
    long before = Instant.now().toEpochMilli();
    long now = Timestamps.nowMicros();
    long after = Instant.now().toEpochMilli();

    assertThat(now / 1_000).isBetween(before, after);
    assertThat(Timestamps.iso(now)).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z");
  }

  @Test
  void parseMicrosRoundTripsIso() {
    long micros = 1_738_326_896_123_456L;

    assertThat(Timestamps.parseMicros(Timestamps.iso(micros))).isEqualTo(micros);
    assertThat(Timestamps.parseMicros("2025-01-31T13:34:56.123456+01:00")).isEqualTo(micros);
  }

  @Test
  void canonicalTimestampsParseExactlyAsTheGeneralParser() {
    java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < 10_000; i++) {
      long micros = (long) (r.nextDouble() * 4_000_000_000_000_000L);
      String iso = Timestamps.iso(micros);
      assertThat(Timestamps.parseMicros(iso)).as(iso).isEqualTo(micros);
      java.time.Instant parsed = java.time.OffsetDateTime.parse(iso).toInstant();
      assertThat(parsed.getEpochSecond() * 1_000_000L + parsed.getNano() / 1_000).isEqualTo(micros);
    }
    assertThat(Timestamps.parseMicros("2024-02-29T23:59:59.999999Z")).isPositive();
    assertThat(Timestamps.parseMicros("2025-02-30T00:00:00.000000Z")).isEqualTo(-1);
    assertThat(Timestamps.parseMicros("2025-01-01T00:00:00.00000xZ")).isEqualTo(-1);
  }

  @Test
  void parseMicrosReturnsMinusOneForGarbage() {
    assertThat(Timestamps.parseMicros(null)).isEqualTo(-1);
    assertThat(Timestamps.parseMicros("yesterday")).isEqualTo(-1);
  }
}
