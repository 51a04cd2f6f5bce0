package dev.weave4j.it.spring;

/**
 * The Spring Boot 4 app with {@code spring.threads.virtual.enabled=true}: on JDK 21+ requests,
 * {@code @Async} methods and scheduled tasks run on virtual threads (on JDK 17 Spring Boot ignores
 * the setting).
 */
class SpringBoot4VirtualThreadsIT extends SpringBootAppRuns {
  SpringBoot4VirtualThreadsIT() {
    super("spring-boot4-app", "--spring.threads.virtual.enabled=true");
  }
}
