package dev.weave4j.internal.agents;

import dev.weave4j.Llm;
import dev.weave4j.Message;
import dev.weave4j.Usage;
import java.util.List;

/**
 * Internal, unstable. The entry point for LLM-SDK integrations ({@link AgentTracing#sdkCall}): one
 * SDK call inside agent tracing. {@link #finish} fills the span where the application left it unset
 * and ends it when the call opened it.
 */
public final class SdkLlmCall {

  private final LlmSpan llm;
  private final boolean owned;

  SdkLlmCall(LlmSpan llm, boolean owned) {
    this.llm = llm;
    this.owned = owned;
  }

  /** The span (for setting request parameters). */
  public Llm llm() {
    return llm;
  }

  /** Whether this call opened the span (and {@link #finish} ends it). */
  public boolean owned() {
    return owned;
  }

  /**
   * The SDK call returned (or failed with {@code error}): fills the response model, usage and
   * messages the application did not set, and ends the span if this call opened it.
   */
  public void finish(
      String responseModel,
      Usage usage,
      List<Message> input,
      List<Message> output,
      Throwable error) {
    llm.fillUnset(responseModel, usage, input, output);
    if (owned) {
      if (error != null) {
        llm.fail(error);
      } else {
        llm.end();
      }
    }
  }
}
