package dev.weave4j.it.llm;

/**
 * {@link OpenAiIT} on openai-java 4.49.0 (what Spring AI 2.0.1 brings): the same app, on that
 * line's class path, under the packaged agent (run on the build's JDK only: the JDK 25 pass runs
 * the newest line).
 */
class OpenAi449LineIT extends OpenAiIT {

  @Override
  String olderVersion() {
    return "4.49.0";
  }
}
