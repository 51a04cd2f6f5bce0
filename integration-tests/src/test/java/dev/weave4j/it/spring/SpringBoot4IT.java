package dev.weave4j.it.spring;

/** The Spring Boot 4 app on Tomcat (Spring MVC), platform threads. */
class SpringBoot4IT extends SpringBootAppRuns {
  SpringBoot4IT() {
    super("spring-boot4-app");
  }
}
