package dev.weave4j.it.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The Spring Boot 4 app with {@code spring.threads.virtual.enabled=true}: on JDK 21+ requests,
 * {@code @Async} methods and scheduled tasks run on virtual threads (on JDK 17 Spring Boot ignores
 * the setting).
 */
class SpringBoot4VirtualThreadsIT extends SpringBootAppRuns {
  SpringBoot4VirtualThreadsIT() {
    super("spring-boot4-app", "--spring.threads.virtual.enabled=true");
  }

  @Test
  void requestsAndAsyncMethodsRanOnVirtualThreadsWhereTheJdkHasThem() {
    String expected = appJavaVersion() >= 21 ? "virtual" : "platform";
    assertThat(firstBody())
        .contains("\"handlerThread\":\"" + expected + "\"")
        .contains("\"asyncThread\":\"" + expected + "\"");
  }
}
