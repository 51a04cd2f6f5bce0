package dev.weave4j.it.spring;

/**
 * Spring AI 2 on Spring Boot 4: {@code spring-ai-starter-model-openai}, started from the executable
 * jar under the packaged agent.
 */
class SpringAiBoot4IT extends SpringAiBootAppRuns {
  SpringAiBoot4IT() {
    super("spring-ai-boot4-app");
  }
}
