package dev.weave4j.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IgnoresTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "java/lang/String",
        "javax/net/ssl/SSLContext",
        "jdk/internal/misc/Unsafe",
        "sun/misc/Unsafe",
        "com/sun/proxy/$Proxy1",
        "net/bytebuddy/ByteBuddy",
        "dev/weave4j/shaded/com/fasterxml/jackson/core/JsonFactory",
        "dev/weave4j/agent/internal/Instrumenter",
        "dev/weave4j/internal/trace/Tracer",
        "dev/weave4j/annotations/WeaveOp",
        "dev/weave4j/Weave",
        "dev/weave4j/Call",
        "io/opentelemetry/javaagent/bootstrap/AgentClassLoader",
        "datadog/trace/Tracer",
      })
  void jdkOwnAndOtherAgentsClassesAreIgnored(String internalName) {
    assertThat(Ignores.ignored(internalName)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "com/acme/ChatService",
        "Main",
        "dev/weave4j/examples/QuickStart",
        "javafx/App",
        "javaapp/Main",
        "io/opentelemetry/sdk/Thing",
        "sunny/Day",
      })
  void applicationClassesAreNotIgnored(String internalName) {
    assertThat(Ignores.ignored(internalName)).isFalse();
  }
}
