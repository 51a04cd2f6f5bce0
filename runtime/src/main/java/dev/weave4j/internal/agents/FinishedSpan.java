package dev.weave4j.internal.agents;

import java.util.Map;

/**
 * Internal, unstable. An ended span, immutable: what the exporters get. {@code attributes} are flat
 * OpenTelemetry attributes (String, Long, Double, Boolean or List of String values), message
 * attributes already JSON text.
 *
 * @param operation {@code invoke_agent}, {@code chat} or {@code execute_tool}
 * @param parentSpanId null for the root of a trace
 * @param error the failure recorded with {@code fail}, or null
 * @param usage tokens of this span and its descendants by model: {requests, input, output}
 * @param conversationId the conversation's id, or null
 * @param turnSpanId the span id of the turn this span belongs to (its own for a turn), or null
 * @param inputJson the span's input as JSON text (messages, or tool arguments), or null
 * @param outputJson the span's output as JSON text, or null
 */
public record FinishedSpan(
    String name,
    String operation,
    String traceId,
    String spanId,
    String parentSpanId,
    long startMicros,
    long endMicros,
    Map<String, Object> attributes,
    Throwable error,
    Map<String, long[]> usage,
    String conversationId,
    String turnSpanId,
    String inputJson,
    String outputJson) {}
