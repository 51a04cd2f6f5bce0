package dev.weave4j.it.spring;

/**
 * The Spring Boot 4 app as a WebFlux app on Netty: Reactor schedulers instead of servlet threads.
 */
class SpringBoot4WebFluxIT extends SpringBootAppRuns {
  SpringBoot4WebFluxIT() {
    super("spring-boot4-app", "--spring.main.web-application-type=reactive");
  }
}
