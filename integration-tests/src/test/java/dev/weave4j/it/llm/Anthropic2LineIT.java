package dev.weave4j.it.llm;

/**
 * {@link AnthropicIT} on anthropic-java 2.75.0 (the newest 2.x): the same app, on that line's class
 * path, under the packaged agent (run on the build's JDK only: the JDK 25 pass runs the newest
 * line).
 */
class Anthropic2LineIT extends AnthropicIT {

  @Override
  String olderVersion() {
    return "2.75.0";
  }
}
