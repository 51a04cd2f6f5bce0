package dev.weave4j.testing.providers;

import java.util.Locale;

/**
 * What a request asks the server to do, chosen by the model name so that apps in other JVMs can
 * pick it without a side channel: a model containing {@code error-400}, {@code error-429} or {@code
 * error-500} gets that provider error; one containing {@code cut} gets a stream dropped mid-way;
 * any other a normal answer (OpenAI chat: a tool call for each tool the request offers, but text
 * once its last message is a tool result).
 */
enum Scenario {
  NORMAL(200),
  BAD_REQUEST(400),
  RATE_LIMITED(429),
  SERVER_ERROR(500),
  CUT_STREAM(200);

  final int status;

  Scenario(int status) {
    this.status = status;
  }

  boolean isError() {
    return status >= 400;
  }

  static Scenario of(String model) {
    String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
    if (m.contains("error-400")) {
      return BAD_REQUEST;
    }
    if (m.contains("error-429")) {
      return RATE_LIMITED;
    }
    if (m.contains("error-500")) {
      return SERVER_ERROR;
    }
    return m.contains("cut") ? CUT_STREAM : NORMAL;
  }
}
