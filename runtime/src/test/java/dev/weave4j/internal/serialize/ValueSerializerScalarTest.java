package dev.weave4j.internal.serialize;

import static dev.weave4j.internal.serialize.SerializerTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Currency;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ValueSerializerScalarTest {

  enum Color {
    RED,
    GREEN {
      @Override
      public String toString() {
        return "green!";
      }
    }
  }

  @Test
  void jsonPrimitivesAreWrittenAsIs() {
    assertThat(json(null).isNull()).isTrue();
    assertThat(json(true).booleanValue()).isTrue();
    assertThat(json("hi").textValue()).isEqualTo("hi");
    assertThat(json('c').textValue()).isEqualTo("c");
    assertThat(json(new StringBuilder("sb")).textValue()).isEqualTo("sb");
  }

  @Test
  void integralNumbersAreJsonNumbers() {
    assertThat(json(42).intValue()).isEqualTo(42);
    assertThat(json(Long.MAX_VALUE).longValue()).isEqualTo(Long.MAX_VALUE);
    assertThat(json((short) 7).intValue()).isEqualTo(7);
    assertThat(json((byte) -3).intValue()).isEqualTo(-3);
    assertThat(json(new AtomicInteger(5)).intValue()).isEqualTo(5);
    assertThat(json(new AtomicLong(6)).longValue()).isEqualTo(6);
    BigInteger big = BigInteger.TWO.pow(100);
    assertThat(json(big).bigIntegerValue()).isEqualTo(big);
    assertThat(json(new BigDecimal("3.14159")).isNumber()).isTrue();
    assertThat(json(new BigDecimal("3.14159")).decimalValue()).isEqualByComparingTo("3.14159");
  }

  @Test
  void floatingNumbersAreNumbersAndNonFiniteOnesAreStrings() {
    assertThat(json(1.5).doubleValue()).isEqualTo(1.5);
    assertThat(json(2.5f).doubleValue()).isEqualTo(2.5);
    assertThat(json(Double.NaN).textValue()).isEqualTo("NaN");
    assertThat(json(Double.POSITIVE_INFINITY).textValue()).isEqualTo("Infinity");
    assertThat(json(Float.NEGATIVE_INFINITY).textValue()).isEqualTo("-Infinity");
    assertThat(json(new double[] {1, Double.NaN}).get(1).textValue()).isEqualTo("NaN");
  }

  @Test
  void longStringIsCutWithRealTotalInMarker() {
    String huge = "x".repeat(50 * 1024 * 1024);
    byte[] bytes = SerializerTestSupport.SERIALIZER.toJson(huge);
    assertThat(bytes.length).isLessThan(101_000);
    String text = SerializerTestSupport.parse(bytes).textValue();
    assertThat(text)
        .startsWith("x".repeat(100_000))
        .hasSize(100_000 + "…[truncated: 52428800 chars in all]".length());
    assertThat(text).endsWith("x…[truncated: 52428800 chars in all]");
  }

  @Test
  void longStringBuilderIsCutWithoutCopyingAll() {
    StringBuilder sb = new StringBuilder("y".repeat(200_000));
    assertThat(json(sb).textValue()).endsWith("y…[truncated: 200000 chars in all]");
  }

  @Test
  void loneSurrogatesAreReplacedWithReplacementCharacter() {
    String lone = "a\uD800b\uDC00c" + "\uD83D\uDE00" + "\uD83D";
    assertThat(json(lone).textValue()).isEqualTo("a\uFFFDb\uFFFDc\uD83D\uDE00\uFFFD");
    assertThat(json('\uD800').textValue()).isEqualTo("\uFFFD");
    assertThat(json(java.util.Map.of("k\uDC00", 1)).has("k\uFFFD")).isTrue();
  }

  @Test
  void enumsAreWrittenByName() {
    assertThat(json(Color.RED).textValue()).isEqualTo("RED");
    assertThat(json(Color.GREEN).textValue()).isEqualTo("GREEN");
    assertThat(json(TimeUnit.SECONDS).textValue()).isEqualTo("SECONDS");
  }

  @Test
  void optionalsAreTheirValueOrNull() {
    assertThat(json(Optional.of("v")).textValue()).isEqualTo("v");
    assertThat(json(Optional.empty()).isNull()).isTrue();
    assertThat(json(OptionalInt.of(3)).intValue()).isEqualTo(3);
    assertThat(json(OptionalLong.empty()).isNull()).isTrue();
    assertThat(json(OptionalDouble.of(0.5)).doubleValue()).isEqualTo(0.5);
  }

  @Test
  void wellKnownValueTypesAreTheirStringForm() throws Exception {
    UUID uuid = UUID.randomUUID();
    assertThat(json(uuid).textValue()).isEqualTo(uuid.toString());
    assertThat(json(Instant.parse("2024-01-02T03:04:05Z")).textValue())
        .isEqualTo("2024-01-02T03:04:05Z");
    assertThat(json(LocalDate.of(2024, 1, 2)).textValue()).isEqualTo("2024-01-02");
    assertThat(json(Duration.ofSeconds(90)).textValue()).isEqualTo("PT1M30S");
    assertThat(json(URI.create("https://x.y/z")).textValue()).isEqualTo("https://x.y/z");
    assertThat(json(new URL("https://x.y/z")).textValue()).isEqualTo("https://x.y/z");
    assertThat(json(Path.of("a", "b")).textValue()).isEqualTo(Path.of("a", "b").toString());
    assertThat(json(new File("f.txt")).textValue()).isEqualTo("f.txt");
    assertThat(json(Locale.CANADA_FRENCH).textValue()).isEqualTo("fr_CA");
    assertThat(json(Currency.getInstance("EUR")).textValue()).isEqualTo("EUR");
    assertThat(json(String.class).textValue()).isEqualTo("java.lang.String");
  }

  @Test
  void datesAreIsoInstants() {
    assertThat(json(new Date(0)).textValue()).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(json(new java.sql.Date(0)).textValue()).isEqualTo("1970-01-01T00:00:00Z");
  }

  @Test
  void byteArrayIsTypedObjectWithBase64() {
    JsonNode node = json("hello".getBytes(StandardCharsets.UTF_8));
    assertThat(node.get("_type").textValue()).isEqualTo("bytes");
    assertThat(node.get("length").intValue()).isEqualTo(5);
    assertThat(node.get("base64").textValue()).isEqualTo("aGVsbG8=");
    assertThat(node.has("truncated")).isFalse();
  }

  @Test
  void largeByteArrayKeepsFirst4096BytesAndSaysTruncated() {
    byte[] data = new byte[10_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    JsonNode node = json(data);
    assertThat(node.get("length").intValue()).isEqualTo(10_000);
    assertThat(node.get("truncated").booleanValue()).isTrue();
    byte[] decoded = Base64.getDecoder().decode(node.get("base64").textValue());
    assertThat(decoded).hasSize(4096).isEqualTo(java.util.Arrays.copyOf(data, 4096));
  }

  @Test
  void charArrayIsString() {
    assertThat(json(new char[] {'a', 'b'}).textValue()).isEqualTo("ab");
  }

  @Test
  void primitiveArraysAreJsonArrays() {
    assertThat(json(new int[] {1, 2}).toString()).isEqualTo("[1,2]");
    assertThat(json(new long[] {3}).toString()).isEqualTo("[3]");
    assertThat(json(new short[] {4}).toString()).isEqualTo("[4]");
    assertThat(json(new boolean[] {true}).toString()).isEqualTo("[true]");
    assertThat(json(new float[] {0.5f}).toString()).isEqualTo("[0.5]");
    JsonNode big = json(new int[1500]);
    assertThat(big).hasSize(1001);
    assertThat(big.get(1000).textValue()).isEqualTo("…[500 more items]");
  }

  @Test
  void redactionSetIsCaseInsensitiveAndCopied() {
    java.util.Set<String> keys = new java.util.HashSet<>(java.util.Set.of("Token"));
    ValueSerializer serializer = new ValueSerializer(keys);
    keys.clear();
    JsonNode node =
        SerializerTestSupport.parse(serializer.toJson(java.util.Map.of("TOKEN", "secret")));
    assertThat(node.get("TOKEN").textValue()).isEqualTo("REDACTED");
  }
}
