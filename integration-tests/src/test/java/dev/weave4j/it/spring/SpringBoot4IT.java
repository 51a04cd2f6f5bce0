package dev.weave4j.it.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Spring Boot 4 app on Tomcat (Spring MVC), platform threads. */
class SpringBoot4IT extends SpringBootAppRuns {
  SpringBoot4IT() {
    super("spring-boot4-app");
  }

  @Test
  void requestsAndAsyncMethodsRanOnPlatformThreads() {
    assertThat(firstBody())
        .contains("\"handlerThread\":\"platform\"")
        .contains("\"asyncThread\":\"platform\"");
  }
}
