package dev.weave4j.it.spring;

/** The same app's sources built on Spring Boot 3.5, on Tomcat (Spring MVC). */
class SpringBoot3IT extends SpringBootAppRuns {
  SpringBoot3IT() {
    super("spring-boot3-app");
  }
}
