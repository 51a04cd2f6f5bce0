package dev.weave4j.it.llm;

/**
 * {@link GenAiIT} on google-genai 1.80.0 (the newest 1.x): the same app, on that line's class path,
 * under the packaged agent (run on the build's JDK only: the JDK 25 pass runs the newest line).
 */
class GenAi1LineIT extends GenAiIT {

  @Override
  String olderVersion() {
    return "1.80.0";
  }
}
