package dev.weave4j.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weave4j.WeaveSettings;
import dev.weave4j.agent.internal.woven.WovenShapes;
import dev.weave4j.internal.WeaveRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The op advice woven into real class files: the JVM verifies them (a custom loader's classes are
 * always verified), every method behaves exactly as before, and each call is recorded with its
 * inputs, output or exception.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpAdviceTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path store;
  private Object shapes;
  private final Map<String, JsonNode> starts = new HashMap<>();
  private final Map<String, JsonNode> ends = new HashMap<>();

  @BeforeAll
  void weaveAndRun() throws Exception {
    WeaveRuntime.install(
        WeaveSettings.builder().localDir(store).printCallLink(false).project("unit/woven").build());
    Class<?> woven = new WovenLoader().loadClass(WovenShapes.class.getName());
    assertThat(woven.getClassLoader()).isInstanceOf(WovenLoader.class);
    shapes = woven.getConstructor().newInstance();
  }

  @AfterAll
  void uninstall() {
    WeaveRuntime.shutdown();
  }

  private Object call(String name, Object... args) throws Throwable {
    for (Method m : shapes.getClass().getMethods()) {
      if (m.getName().equals(name)) {
        try {
          return m.invoke(shapes, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      }
    }
    throw new AssertionError("no method " + name);
  }

  @Test
  void everyReturnTypeIsReturnedUnchangedAndRecordedAsOutput() throws Throwable {
    assertThat(call("wide", 1L, 2.5, 3)).isEqualTo(6L);
    assertThat(call("flag", true)).isEqualTo(false);
    assertThat(call("letter", 'q')).isEqualTo('Q');
    assertThat(call("small", (byte) 1, (short) 2)).isEqualTo((byte) 3);
    assertThat(call("ratio", 3f)).isEqualTo(1.5f);
    assertThat(call("half", 5.0)).isEqualTo(2.5);
    assertThat(call("nothing", "abc")).isNull();
    assertThat(call("noLocals")).isEqualTo("none");
    assertThat(call("array", 2)).isEqualTo(new int[2]);

    flushAndRead();
    assertThat(output("WovenShapes.wide")).hasToString("6");
    assertThat(inputs("WovenShapes.wide")).hasToString("{\"a\":1,\"b\":2.5,\"c\":3}");
    assertThat(output("WovenShapes.flag")).hasToString("false");
    assertThat(output("WovenShapes.letter")).hasToString("\"Q\"");
    assertThat(output("WovenShapes.small")).hasToString("3");
    assertThat(output("WovenShapes.half")).hasToString("2.5");
    assertThat(output("WovenShapes.nothing").isNull()).isTrue();
    assertThat(output("WovenShapes.noLocals")).hasToString("\"none\"");
  }

  @Test
  void branchesLoopsAndWideLocalsKeepWorking() throws Throwable {
    assertThat(call("loops", 1)).isEqualTo(-1);
    assertThat(call("loops", 2)).isEqualTo(-2);
    assertThat(call("loops", 6)).isEqualTo(18);
  }

  @Test
  void theMethodsOwnHandlerCatchesItsExceptionAndTheCallSucceeds() throws Throwable {
    assertThat(call("caught", "x")).isEqualTo("text");

    flushAndRead();
    assertThat(end("WovenShapes.caught").has("exception")).isFalse();
    assertThat(output("WovenShapes.caught")).hasToString("\"text\"");
  }

  @Test
  void anExceptionIsRethrownUnchangedAndRecorded() throws Throwable {
    assertThatThrownBy(() -> call("fails", "boom"))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("boom");

    flushAndRead();
    assertThat(end("WovenShapes.fails").path("exception").asText())
        .contains("IllegalStateException")
        .contains("boom");
  }

  @Test
  void synchronizedMethodsStillLockAndUnlock() throws Throwable {
    assertThat(call("locked", "n")).asString().startsWith("n");
    assertThat(Thread.holdsLock(shapes)).isFalse();
  }

  @Test
  void aStreamingResultIsHandedBackTracedAndTheCallEndsWhenConsumed() throws Throwable {
    Iterator<?> values = (Iterator<?>) call("lazy");
    List<Object> seen = new ArrayList<>();
    values.forEachRemaining(seen::add);

    assertThat(seen).containsExactly("a", "b");
    flushAndRead();
    assertThat(output("WovenShapes.lazy")).hasToString("[\"a\",\"b\"]");
  }

  private JsonNode inputs(String op) {
    return start(op).path("inputs");
  }

  private JsonNode output(String op) {
    return end(op).path("output");
  }

  private JsonNode start(String op) {
    assertThat(starts).containsKey(op);
    return starts.get(op);
  }

  private JsonNode end(String op) {
    String id = start(op).path("id").asText();
    assertThat(ends).containsKey(id);
    return ends.get(id);
  }

  private void flushAndRead() throws IOException {
    WeaveRuntime.active().client().flush();
    try (Stream<Path> files = Files.walk(store)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        for (String line : Files.readAllLines(f)) {
          JsonNode record = JSON.readTree(line);
          String mode = record.path("mode").asText();
          if (mode.equals("start")) {
            JsonNode s = record.path("req").path("start");
            starts.put(s.path("op_name").asText(), s);
          } else if (mode.equals("end")) {
            JsonNode e = record.path("req").path("end");
            ends.put(e.path("id").asText(), e);
          }
        }
      }
    }
  }

  /** Defines {@link WovenShapes} from its class file with the op advice woven in. */
  private static final class WovenLoader extends ClassLoader {
    WovenLoader() {
      super(OpAdviceTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.equals(WovenShapes.class.getName())) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          byte[] woven;
          try (InputStream in =
              getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            woven = WeaveOpTransformer.weave(in.readAllBytes(), this);
          } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
          }
          c = defineClass(name, woven, 0, woven.length);
        }
        return c;
      }
    }

    @Override
    public InputStream getResourceAsStream(String name) {
      return getParent().getResourceAsStream(name);
    }
  }
}
