package dev.weave4j.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weave4j.WeaveSettings;
import dev.weave4j.agent.internal.proxied.FactApi;
import dev.weave4j.agent.internal.proxied.Facts;
import dev.weave4j.internal.WeaveRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ops reached through generated proxies (the fixtures in {@code proxied} are what Spring and the
 * JDK generate, written out and named as they name them): one call per invocation, named after the
 * user's class and method, whether the proxy forwards to its target or answers itself.
 */
class ProxyOpsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PACKAGE = Facts.class.getPackageName();

  @TempDir Path store;
  private ClassLoader woven;

  @BeforeEach
  void install() {
    WeaveRuntime.install(
        WeaveSettings.builder().localDir(store).printCallLink(false).project("unit/proxy").build());
    woven = new WovenLoader();
  }

  @AfterEach
  void uninstall() {
    WeaveRuntime.shutdown();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "com.acme.Facts$$SpringCGLIB$$0",
        "com.acme.Facts$$EnhancerBySpringCGLIB$$1a2b",
        "com.acme.Facts$ByteBuddy$abc",
        "com.acme.Facts$HibernateProxy$Xyz",
        "com.acme.Facts_$$_jvst12_0",
        "jdk.proxy2.$Proxy12",
        "com.sun.proxy.$Proxy3",
        "com/acme/$Proxy7",
      })
  void generatedProxyClassesAreRecognisedByName(String name) {
    assertThat(ProxyClasses.isProxy(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"com.acme.Facts", "com.acme.$ProxyFactory", "com.acme.$Proxy", "Proxy1"})
  void userClassesAreNotProxies(String name) {
    assertThat(ProxyClasses.isProxy(name)).isFalse();
  }

  @Test
  void aCacheMissThroughASubclassProxyIsOneCallNamedAfterTheBean() throws Exception {
    Object proxy = cglibProxy();

    assertThat(invoke(proxy, "fact", "tea")).isEqualTo("a fact about tea");

    List<JsonNode> calls = calls();
    assertThat(names(calls)).containsExactly("Facts.fact", "Audit.before", "Facts.lookup");
    JsonNode fact = calls.get(0);
    assertThat(fact.path("inputs").toString()).isEqualTo("{\"topic\":\"tea\"}");
    assertThat(fact.path("output").asText()).isEqualTo("a fact about tea");
    assertThat(parent(calls, "Audit.before")).isEqualTo(fact.path("id").asText());
    assertThat(parent(calls, "Facts.lookup")).isEqualTo(fact.path("id").asText());
  }

  @Test
  void aCacheHitIsStillOneCallNamedAfterTheBeanWithTheCachedOutput() throws Exception {
    Object proxy = cglibProxy();
    invoke(proxy, "fact", "tea");

    assertThat(invoke(proxy, "fact", "tea")).isEqualTo("a fact about tea");

    List<JsonNode> calls = calls();
    assertThat(names(calls))
        .containsExactly(
            "Facts.fact", "Audit.before", "Facts.lookup", "Facts.fact", "Audit.before");
    JsonNode hit = calls.get(3);
    assertThat(hit.path("parent_id").isNull()).isTrue();
    assertThat(hit.path("output").asText()).isEqualTo("a fact about tea");
  }

  @Test
  void recursionInsideTheTargetIsStillRecordedCallByCall() throws Exception {
    Object proxy = cglibProxy();

    assertThat(invoke(proxy, "countdown", 2)).isEqualTo(2);

    List<JsonNode> calls = calls();
    assertThat(names(calls))
        .containsExactly("Facts.countdown", "Facts.countdown", "Facts.countdown");
    assertThat(calls.get(1).path("parent_id").asText()).isEqualTo(calls.get(0).path("id").asText());
    assertThat(calls.get(2).path("parent_id").asText()).isEqualTo(calls.get(1).path("id").asText());
    assertThat(calls.get(0).path("inputs").toString()).isEqualTo("{\"n\":2}");
  }

  @Test
  void anInterfaceProxyIsOneCallNamedAfterTheInterface() throws Exception {
    Object target = woven.loadClass(PACKAGE + ".FactApiImpl").getConstructor().newInstance();
    Object proxy =
        woven
            .loadClass(PACKAGE + ".$Proxy7")
            .getConstructor(woven.loadClass(FactApi.class.getName()))
            .newInstance(target);

    assertThat(invoke(proxy, "fact", "jam")).isEqualTo("an api fact about jam");

    List<JsonNode> calls = calls();
    assertThat(names(calls)).containsExactly("FactApi.fact");
    assertThat(calls.get(0).path("output").asText()).isEqualTo("an api fact about jam");
  }

  @Test
  void theTargetCalledDirectlyIsACallOfItsOwn() throws Exception {
    Object target = woven.loadClass(Facts.class.getName()).getConstructor().newInstance();

    invoke(target, "fact", "tea");

    assertThat(names(calls())).containsExactly("Facts.fact", "Facts.lookup");
  }

  private Object cglibProxy() throws Exception {
    Class<?> facts = woven.loadClass(Facts.class.getName());
    Object target = facts.getConstructor().newInstance();
    return woven
        .loadClass(PACKAGE + ".Facts$$SpringCGLIB$$0")
        .getConstructor(facts)
        .newInstance(target);
  }

  private static Object invoke(Object on, String method, Object arg) throws Exception {
    for (var m : on.getClass().getMethods()) {
      if (m.getName().equals(method)) {
        return m.invoke(on, arg);
      }
    }
    throw new AssertionError("no method " + method);
  }

  private static List<String> names(List<JsonNode> calls) {
    return calls.stream().map(c -> c.path("op_name").asText()).toList();
  }

  private static String parent(List<JsonNode> calls, String op) {
    return calls.stream()
        .filter(c -> c.path("op_name").asText().equals(op))
        .findFirst()
        .orElseThrow()
        .path("parent_id")
        .asText();
  }

  /** The calls recorded so far, in start order, each its start merged with its end. */
  private List<JsonNode> calls() throws IOException {
    WeaveRuntime.active().client().flush();
    Map<String, com.fasterxml.jackson.databind.node.ObjectNode> byId = new LinkedHashMap<>();
    List<JsonNode> ends = new ArrayList<>();
    try (Stream<Path> files = Files.walk(store)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          JsonNode record = JSON.readTree(line);
          String mode = record.path("mode").asText();
          if (mode.equals("start")) {
            JsonNode s = record.path("req").path("start");
            byId.put(s.path("id").asText(), s.deepCopy());
          } else if (mode.equals("end")) {
            ends.add(record.path("req").path("end"));
          }
        }
      }
    }
    for (JsonNode e : ends) {
      var call = byId.get(e.path("id").asText());
      if (call != null) {
        call.set("output", e.path("output"));
      }
    }
    return new ArrayList<>(byId.values());
  }

  /** Defines the classes of {@code proxied} from their class files with the op advice woven in. */
  private static final class WovenLoader extends ClassLoader {
    WovenLoader() {
      super(ProxyOpsTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(PACKAGE + ".")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          byte[] bytes;
          try (InputStream in =
              getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            bytes = in.readAllBytes();
          } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
          }
          byte[] woven = WeaveOpTransformer.weave(bytes, this);
          byte[] defined = woven != null ? woven : bytes;
          c = defineClass(name, defined, 0, defined.length);
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
