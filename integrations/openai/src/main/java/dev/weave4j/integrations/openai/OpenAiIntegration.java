package dev.weave4j.integrations.openai;

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
 * openai-java: chat completions, Responses and embeddings, sync and async, parsed and through
 * {@code withRawResponse()} (the parsed methods delegate to the raw ones; one call is recorded).
 * The advice sits on the services' implementation classes, where every convenience overload ends.
 */
public final class OpenAiIntegration implements WeaveIntegration {

  private static final String SERVICES = "com.openai.services.";
  private static final String MODELS = "com.openai.models.";

  /**
   * The package of the helper and advice classes, named by string: this class is loaded by the
   * agent's loader, where the library (their supertypes) is absent, so it must not load them.
   */
  private static final String P = "dev.weave4j.integrations.openai.";

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        service(
            "chat.ChatCompletionService",
            MODELS + "chat.completions.ChatCompletionCreateParams",
            true,
            P + "ChatAdvice",
            P + "ChatStreamAdvice"),
        service(
            "ResponseService",
            MODELS + "responses.ResponseCreateParams",
            false,
            P + "ResponseAdvice",
            P + "ResponseStreamAdvice"),
        service(
            "EmbeddingService",
            MODELS + "embeddings.EmbeddingCreateParams",
            false,
            P + "EmbeddingAdvice",
            null));
  }

  @Override
  public List<String> helperClassNames() {
    return List.of(
        P + "OpenAiHooks",
        P + "OpenAiTracing",
        P + "OpenAiTracing$OpenAiCall",
        P + "OpenAiJson",
        P + "OpenAiOps",
        P + "StreamUsage",
        P + "StreamUsage$1",
        P + "ChatStream",
        P + "TracedStreamResponse",
        P + "TracedAsyncStreamResponse",
        P + "TracedAsyncStreamResponse$TracingHandler",
        P + "TracedAsyncStreamResponse$Ending",
        P + "TracedHttpResponseFor");
  }

  /**
   * The blocking and async implementations of service {@code name} (under {@code services.blocking}
   * / {@code services.async}) and their raw-response twins.
   */
  private static TypeInstrumentation service(
      String name, String paramsType, boolean required, String create, String createStreaming) {
    String dot = name.lastIndexOf('.') < 0 ? "" : name.substring(0, name.lastIndexOf('.') + 1);
    String simple = name.substring(dot.length());
    String blocking = SERVICES + "blocking." + dot + simple + "Impl";
    String async = SERVICES + "async." + dot + simple + "AsyncImpl";
    ElementMatcher<TypeDescription> types =
        namedOneOf(
            blocking, blocking + "$WithRawResponseImpl", async, async + "$WithRawResponseImpl");
    return new TypeInstrumentation() {
      @Override
      public ElementMatcher<TypeDescription> typeMatcher() {
        return types;
      }

      @Override
      public List<MethodAdvice> methodAdvice() {
        MethodAdvice plain = advice("create", paramsType, required, create);
        return createStreaming == null
            ? List.of(plain)
            : List.of(plain, advice("createStreaming", paramsType, required, createStreaming));
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
