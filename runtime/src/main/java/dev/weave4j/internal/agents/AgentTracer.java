package dev.weave4j.internal.agents;

import dev.weave4j.internal.trace.ClientInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Internal, unstable. The agent tracing of one runtime: where ended spans go and the {@code
 * weave.*} capture attributes every span carries.
 */
public final class AgentTracer {

  final SpanExporter exporter;
  final Map<String, Object> captureAttributes;

  /** Agent spans of this runtime go to {@code exporter}. */
  public AgentTracer(SpanExporter exporter) {
    this.exporter = exporter;
    Map<String, Object> capture = new LinkedHashMap<>();
    ClientInfo.captureInfo().forEach((k, v) -> capture.put("weave." + k, v));
    this.captureAttributes = Collections.unmodifiableMap(capture);
  }
}
