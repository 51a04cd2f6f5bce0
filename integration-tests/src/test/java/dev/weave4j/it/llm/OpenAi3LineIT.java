package dev.weave4j.it.llm;

/**
 * {@link OpenAiIT} on openai-java 3.7.1 (the newest 3.x): the same app, on that line's class path,
 * under the packaged agent (run on the build's JDK only: the JDK 25 pass runs the newest line).
 */
class OpenAi3LineIT extends OpenAiIT {

  @Override
  String olderVersion() {
    return "3.7.1";
  }
}
