package dev.weave4j.internal.serialize;

import static dev.weave4j.internal.serialize.SerializerTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ValueSerializerHostileTest {

  record Account(String name, int balance) {
    @Override
    public int balance() {
      throw new IllegalStateException("locked");
    }
  }

  static final class BadToString {
    @Override
    public String toString() {
      throw new IllegalStateException("nope");
    }
  }

  static final class BadMap extends AbstractMap<String, Object> {
    @Override
    public Set<Entry<String, Object>> entrySet() {
      throw new IllegalStateException("no entries");
    }
  }

  /** Yields two elements, then throws. */
  static final class BadList extends AbstractList<Object> {
    @Override
    public Object get(int index) {
      if (index >= 2) {
        throw new IllegalStateException("broken at " + index);
      }
      return index;
    }

    @Override
    public int size() {
      return 5;
    }
  }

  static final class LazyIterable implements Iterable<String> {
    final AtomicBoolean touched = new AtomicBoolean();

    @Override
    public Iterator<String> iterator() {
      touched.set(true);
      return List.of("x").iterator();
    }
  }

  static final class Holder {
    final Object value;

    Holder(Object value) {
      this.value = value;
    }
  }

  @Test
  void recordWhoseAccessorThrowsGetsMarkerForThatComponentOnly() {
    JsonNode node = json(new Account("alice", 10));
    assertThat(node.get("name").textValue()).isEqualTo("alice");
    assertThat(node.get("balance").textValue())
        .isEqualTo("<error: accessor threw java.lang.IllegalStateException: locked>");
    assertThat(node.get("_class_name").textValue()).isEqualTo("Account");
  }

  @Test
  void classWhoseToStringThrowsGetsUnserializableMarker() {
    Object proxy =
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Runnable.class},
            (p, m, a) -> {
              throw new IllegalStateException("nope");
            });
    assertThat(json(proxy).textValue())
        .startsWith("<unserializable ")
        .endsWith(": toString threw IllegalStateException: nope>");
    assertThat(json(Map.of(new BadToString(), 1)).fieldNames().next())
        .isEqualTo("<unserializable BadToString: toString threw IllegalStateException: nope>");
  }

  @Test
  void pojoWithoutFieldsNeverCallsToString() {
    JsonNode node = json(new BadToString());
    assertThat(node.get("_type").textValue()).isEqualTo("BadToString");
  }

  @Test
  void mapWhoseEntrySetThrowsIsClosedWithErrorEntry() {
    JsonNode node = json(List.of(new BadMap(), "after"));
    assertThat(node.get(0).get("…").textValue())
        .isEqualTo("<error: iterating threw java.lang.IllegalStateException: no entries>");
    assertThat(node.get(1).textValue()).isEqualTo("after");
  }

  @Test
  void collectionWhoseIteratorThrowsKeepsElementsSoFarAndErrorMarker() {
    JsonNode node = json(Map.of("list", new BadList()));
    assertThat(node.get("list").toString())
        .isEqualTo(
            "[0,1,\"<error: iterating threw java.lang.IllegalStateException: broken at 2>\"]");
  }

  @Test
  void lazyAndOneShotValuesAreNeverConsumed() {
    LazyIterable iterable = new LazyIterable();
    Stream<String> stream = Stream.of("a");
    Supplier<String> supplier = () -> "s";
    assertThat(json(stream).textValue()).startsWith("<not serialized: java.util.stream.");
    assertThat(stream.iterator().next()).isEqualTo("a");
    assertThat(json(iterable).textValue())
        .isEqualTo("<not serialized: " + LazyIterable.class.getName() + ">");
    assertThat(iterable.touched).isFalse();
    assertThat(json(List.of("a").iterator()).textValue()).startsWith("<not serialized: ");
    assertThat(json(new CompletableFuture<>()).textValue())
        .isEqualTo("<not serialized: java.util.concurrent.CompletableFuture>");
    assertThat(json(supplier).textValue()).startsWith("<not serialized: ");
    assertThat(json(new ByteArrayInputStream(new byte[1])).textValue())
        .isEqualTo("<not serialized: java.io.ByteArrayInputStream>");
    assertThat(json(new StringReader("r")).textValue())
        .isEqualTo("<not serialized: java.io.StringReader>");
    try (SubmissionPublisher<String> publisher = new SubmissionPublisher<>()) {
      Flow.Publisher<String> p = publisher;
      assertThat(json(p).textValue()).startsWith("<not serialized: ");
    }
  }

  @Test
  void throwableValueIsTypedObjectWithMessage() {
    JsonNode node = json(new IllegalArgumentException("bad " + "m".repeat(5000)));
    assertThat(node.get("_type").textValue()).isEqualTo("IllegalArgumentException");
    assertThat(node.get("type").textValue()).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(node.get("message").textValue()).hasSize(1003).endsWith("...");
  }

  @Test
  void jdkAndLambdaValuesFallBackToCappedToString() {
    Thread thread = new Thread("worker-x");
    assertThat(json(thread).textValue()).isEqualTo(thread.toString());
    assertThat(json(new Holder(thread)).get("value").textValue()).contains("worker-x");
    Runnable lambda = () -> {};
    assertThat(json(lambda).textValue()).isEqualTo(lambda.toString());
    String joined = json(new java.util.StringJoiner(",").add("q".repeat(3000))).textValue();
    assertThat(joined.length()).isEqualTo(1003); // a JDK class, not a CharSequence: fallback
    assertThat(joined).endsWith("q...");
    Object jdkObject = new java.util.concurrent.Semaphore(1);
    assertThat(json(jdkObject).textValue()).isEqualTo(jdkObject.toString());
  }

  @Test
  void longToStringFallbackIsCutAt1000CharsPlusDots() {
    StackTraceElement frame = new StackTraceElement("c".repeat(3000), "m", "F.java", 1);
    assertThat(json(frame).textValue()).hasSize(1003).endsWith("c...");
  }

  @Test
  void anonymousClassIsObjectRecordNamedByBinaryName() {
    Object anonymous =
        new Object() {
          @SuppressWarnings("unused")
          final int n = 1;
        };
    JsonNode node = json(anonymous);
    assertThat(node.get("_type").textValue()).isEqualTo("ValueSerializerHostileTest$1");
    assertThat(node.get("n").intValue()).isEqualTo(1);
  }

  @Test
  void writeIntoExistingGeneratorProducesOneValue() throws Exception {
    StringWriter out = new StringWriter();
    try (JsonGenerator gen = Json.FACTORY.createGenerator(out)) {
      gen.writeStartObject();
      gen.writeFieldName("inputs");
      SerializerTestSupport.SERIALIZER.write(gen, Map.of("api_key", "k", "n", List.of(1)));
      gen.writeFieldName("output");
      SerializerTestSupport.SERIALIZER.write(gen, new BadMap());
      gen.writeEndObject();
    }
    JsonNode node = SerializerTestSupport.parse(out.toString());
    assertThat(node.get("inputs").get("api_key").textValue()).isEqualTo("REDACTED");
    assertThat(node.get("inputs").get("n").toString()).isEqualTo("[1]");
    assertThat(node.get("output").get("…").textValue()).startsWith("<error: iterating threw");
  }
}
