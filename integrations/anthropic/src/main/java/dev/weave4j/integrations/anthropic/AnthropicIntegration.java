package dev.weave4j.integrations.anthropic;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weave4j.integration.MethodAdvice;
import dev.weave4j.integration.TypeInstrumentation;
import dev.weave4j.integration.WeaveIntegration;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * anthropic-java: messages and beta messages, sync and async, on the services' implementation
 * classes where every convenience overload ends (calls made directly through {@code
 * withRawResponse()} are not traced).
 */
public final class AnthropicIntegration implements WeaveIntegration {

  private static final String SERVICES = "com.anthropic.services.";

  /**
   * The package of the helper and advice classes, named by string: this class is loaded by the
   * agent's loader, where the library (their supertypes) is absent, so it must not load them.
   */
  private static final String P = "dev.weave4j.integrations.anthropic.";

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        service(
            namedOneOf(
                SERVICES + "blocking.MessageServiceImpl",
                SERVICES + "blocking.MessageServiceImpl$WithRawResponseImpl",
                SERVICES + "async.MessageServiceAsyncImpl",
                SERVICES + "async.MessageServiceAsyncImpl$WithRawResponseImpl"),
            "com.anthropic.models.messages.MessageCreateParams",
            true,
            P + "MessageAdvice",
            P + "MessageStreamAdvice"),
        service(
            namedOneOf(
                SERVICES + "blocking.beta.MessageServiceImpl",
                SERVICES + "blocking.beta.MessageServiceImpl$WithRawResponseImpl",
                SERVICES + "async.beta.MessageServiceAsyncImpl",
                SERVICES + "async.beta.MessageServiceAsyncImpl$WithRawResponseImpl"),
            "com.anthropic.models.beta.messages.MessageCreateParams",
            false,
            P + "BetaMessageAdvice",
            P + "BetaMessageStreamAdvice"));
  }

  @Override
  public List<String> helperClassNames() {
    return List.of(
        P + "AnthropicHooks",
        P + "AnthropicTracing",
        P + "AnthropicTracing$AnthropicCall",
        P + "AnthropicJson",
        P + "TracedStreamResponse",
        P + "TracedAsyncStreamResponse",
        P + "TracedAsyncStreamResponse$TracingHandler",
        P + "TracedAsyncStreamResponse$Ending",
        P + "TracedAsyncStreamResponse$NothingHidden",
        P + "TracedHttpResponseFor");
  }

  private static TypeInstrumentation service(
      ElementMatcher<TypeDescription> types,
      String paramsType,
      boolean required,
      String create,
      String createStreaming) {
    return new TypeInstrumentation() {
      @Override
      public ElementMatcher<TypeDescription> typeMatcher() {
        return types;
      }

      @Override
      public List<MethodAdvice> methodAdvice() {
        return List.of(
            advice("create", paramsType, required, create),
            advice("createStreaming", paramsType, required, createStreaming));
      }
    };
  }

  private static MethodAdvice advice(
      String method, String paramsType, boolean required, String advice) {
    ElementMatcher<MethodDescription> methods =
        named(method).and(takesArguments(2)).and(takesArgument(0, named(paramsType)));
    return required
        ? MethodAdvice.required(methods, advice)
        : MethodAdvice.optional(methods, advice);
  }
}
