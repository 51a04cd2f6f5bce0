package dev.weave4j.integrations.genai;

import static net.bytebuddy.matcher.ElementMatchers.named;
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
 * google-genai: {@code Models} and {@code AsyncModels} {@code generateContent} and {@code
 * generateContentStream} (every overload; one that delegates to another is one call), and the
 * {@code ResponseStream} the caller iterates (a concrete class, traced through its iterator).
 */
public final class GenAiIntegration implements WeaveIntegration {

  /** Helpers and advice by name: this class is loaded where the SDK is absent. */
  private static final String P = "dev.weave4j.integrations.genai.";

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        models("com.google.genai.Models", P + "GenerateAdvice", P + "GenerateStreamAdvice"),
        models(
            "com.google.genai.AsyncModels",
            P + "AsyncGenerateAdvice",
            P + "AsyncGenerateStreamAdvice"),
        new TypeInstrumentation() {
          @Override
          public ElementMatcher<TypeDescription> typeMatcher() {
            return named("com.google.genai.ResponseStream");
          }

          @Override
          public List<MethodAdvice> methodAdvice() {
            return List.of(
                MethodAdvice.required(
                    named("iterator").and(takesArguments(0)), P + "StreamIteratorAdvice"),
                MethodAdvice.required(
                    named("close").and(takesArguments(0)), P + "StreamCloseAdvice"));
          }
        });
  }

  @Override
  public List<String> helperClassNames() {
    return List.of(
        P + "GenAiHooks",
        P + "GenAiTracing",
        P + "GenAiTracing$GenAiCall",
        P + "GenAiTracing$StreamState",
        P + "GenAiJson",
        P + "GenAiStream");
  }

  private static TypeInstrumentation models(String type, String generate, String stream) {
    return new TypeInstrumentation() {
      @Override
      public ElementMatcher<TypeDescription> typeMatcher() {
        return named(type);
      }

      @Override
      public List<MethodAdvice> methodAdvice() {
        return List.of(
            MethodAdvice.required(generateMethod("generateContent"), generate),
            MethodAdvice.required(generateMethod("generateContentStream"), stream));
      }
    };
  }

  private static ElementMatcher<MethodDescription> generateMethod(String name) {
    return named(name)
        .and(takesArguments(3))
        .and(takesArgument(0, String.class))
        .and(takesArgument(2, named("com.google.genai.types.GenerateContentConfig")));
  }
}
