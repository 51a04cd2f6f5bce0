package dev.weave4j.it.apps.agents;

import dev.weave4j.Conversation;
import dev.weave4j.ConversationOptions;
import dev.weave4j.Llm;
import dev.weave4j.Tool;
import dev.weave4j.Turn;
import dev.weave4j.Usage;
import dev.weave4j.Weave;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

/**
 * An app with its own OpenTelemetry tracing (the API, bridged to the OpenTelemetry Java agent's SDK
 * when that agent runs): its own span around one agent turn with an LLM and a tool span.
 */
public final class OtelCoexistApp {

  private OtelCoexistApp() {}

  public static void main(String[] args) {
    Span span = GlobalOpenTelemetry.getTracer("coexist-app").spanBuilder("app-request").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      try (Conversation conv =
              Weave.startConversation(
                  ConversationOptions.builder()
                      .agentName("helper")
                      .conversationId("c-otel")
                      .build());
          Turn turn = conv.startTurn("What time is it?")) {
        try (Llm llm = Weave.startLlm("gpt-4o", "openai")) {
          llm.usage(Usage.of(12, 3));
          try (Tool tool = Weave.startTool("clock", "{}", "call_1")) {
            tool.result("{\"now\":\"noon\"}");
          }
          llm.output("It is noon.");
        }
        turn.output("It is noon.");
      }
    } finally {
      span.end();
    }
    System.out.println("app trace " + span.getSpanContext().getTraceId());
  }
}
