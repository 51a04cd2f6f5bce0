package dev.weave4j.internal.serialize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ExceptionJsonTest {

  static final class HostileException extends RuntimeException {
    HostileException() {
      super("unused");
    }

    @Override
    public String getMessage() {
      throw new IllegalStateException("no message");
    }

    @Override
    public StackTraceElement[] getStackTrace() {
      throw new IllegalStateException("no trace");
    }

    @Override
    public synchronized Throwable getCause() {
      throw new IllegalStateException("no cause");
    }
  }

  private static JsonNode of(Throwable t) {
    return SerializerTestSupport.parse(ExceptionJson.of(t));
  }

  @Test
  void exceptionHasTypeMessageAndTracebackFrames() {
    JsonNode node = of(new IllegalStateException("boom"));
    assertThat(node.get("type").textValue()).isEqualTo("java.lang.IllegalStateException");
    assertThat(node.get("message").textValue()).isEqualTo("boom");
    JsonNode first = node.get("traceback").get(0);
    assertThat(first.get("filename").textValue()).isEqualTo("ExceptionJsonTest.java");
    assertThat(first.get("line_number").intValue()).isPositive();
    assertThat(first.get("function_name").textValue())
        .isEqualTo(
            ExceptionJsonTest.class.getName() + ".exceptionHasTypeMessageAndTracebackFrames");
    assertThat(first.get("text").textValue()).isEmpty();
    assertThat(node.has("cause")).isFalse();
  }

  @Test
  void missingMessageIsEmptyString() {
    assertThat(of(new RuntimeException()).get("message").textValue()).isEmpty();
  }

  @Test
  void tracebackIsCappedAt100Frames() {
    RuntimeException e = new RuntimeException("deep");
    StackTraceElement[] frames = new StackTraceElement[500];
    for (int i = 0; i < frames.length; i++) {
      frames[i] = new StackTraceElement("c.X", "m" + i, null, i);
    }
    e.setStackTrace(frames);
    JsonNode traceback = of(e).get("traceback");
    assertThat(traceback).hasSize(100);
    assertThat(traceback.get(0).get("function_name").textValue()).isEqualTo("c.X.m0");
    assertThat(traceback.get(0).get("filename").textValue()).isEqualTo("Unknown Source");
  }

  @Test
  void causeChainIsNestedAndBoundedAndCycleSafe() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    IllegalStateException c = new IllegalStateException("c", b);
    a.initCause(c); // cycle c -> b -> a -> c
    JsonNode node = of(c);
    assertThat(node.get("cause").get("message").textValue()).isEqualTo("b");
    assertThat(node.get("cause").get("cause").get("message").textValue()).isEqualTo("a");
    assertThat(node.get("cause").get("cause").has("cause")).isFalse();

    Throwable chain = new RuntimeException("0");
    for (int i = 1; i < 20; i++) {
      chain = new RuntimeException(String.valueOf(i), chain);
    }
    JsonNode deep = of(chain);
    int levels = 0;
    while (deep.has("cause")) {
      deep = deep.get("cause");
      levels++;
    }
    assertThat(levels).isEqualTo(5);
  }

  @Test
  void hostileExceptionNeverPropagates() {
    JsonNode node = of(new HostileException());
    assertThat(node.get("type").textValue()).isEqualTo(HostileException.class.getName());
    assertThat(node.get("message").textValue())
        .isEqualTo("<error: getMessage threw java.lang.IllegalStateException: no message>");
    assertThat(node.get("traceback")).isEmpty();
  }

  @Test
  void loneSurrogateInMessageIsRepaired() {
    assertThat(of(new RuntimeException("x\uD800")).get("message").textValue()).isEqualTo("x\uFFFD");
  }
}
