package dev.weave4j.integrations.springai;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
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
 * Spring AI 1.1 and 2.x: {@code ChatModel.call(Prompt)} / {@code stream(Prompt)} of every chat
 * model, the terminal {@code call()} / {@code stream()} of {@code ChatClient} (where every {@code
 * content()}, {@code chatResponse()} and {@code entity(...)} ends), tool callbacks, {@code
 * EmbeddingModel.call} and {@code VectorStore.similaritySearch}. The advice sits on implementation
 * classes, so each model, tool or store the app uses is traced whatever convenience overload it was
 * reached through.
 */
public final class SpringAiIntegration implements WeaveIntegration {

  private static final String AI = "org.springframework.ai.";
  private static final String CLIENT = AI + "chat.client.DefaultChatClient$";

  /** Helper and advice classes, named by string: this class must not load Spring AI's types. */
  private static final String P = "dev.weave4j.integrations.springai.";

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        implementationsOf(
            AI + "chat.model.ChatModel",
            MethodAdvice.optional(
                concrete("call", AI + "chat.prompt.Prompt")
                    .and(returns(named(AI + "chat.model.ChatResponse"))),
                P + "ChatModelCallAdvice"),
            MethodAdvice.optional(
                concrete("stream", AI + "chat.prompt.Prompt")
                    .and(returns(named("reactor.core.publisher.Flux"))),
                P + "ChatModelStreamAdvice")),
        type(
            named(CLIENT + "DefaultCallResponseSpec"),
            MethodAdvice.required(
                concrete("doGetObservableChatClientResponse", AI + "chat.client.ChatClientRequest"),
                P + "ChatClientCallAdvice")),
        type(
            named(CLIENT + "DefaultStreamResponseSpec"),
            MethodAdvice.required(
                concrete("doGetObservableFluxChatResponse", AI + "chat.client.ChatClientRequest"),
                P + "ChatClientStreamAdvice")),
        implementationsOf(
            AI + "tool.ToolCallback",
            MethodAdvice.optional(
                concrete("call", "java.lang.String").and(returns(String.class)), P + "ToolAdvice")),
        implementationsOf(
            AI + "embedding.EmbeddingModel",
            MethodAdvice.optional(
                concrete("call", AI + "embedding.EmbeddingRequest"), P + "EmbeddingAdvice")),
        implementationsOf(
            AI + "vectorstore.VectorStore",
            MethodAdvice.optional(
                concrete("similaritySearch", AI + "vectorstore.SearchRequest"),
                P + "VectorStoreAdvice")));
  }

  @Override
  public List<String> helperClassNames() {
    return List.of(
        P + "SpringAiHooks",
        P + "SpringAiTracing",
        P + "SpringAiTracing$SpringAiCall",
        P + "SpringAiOps",
        P + "SpringAiJson",
        P + "ChatAggregate",
        P + "ChatAggregate$Choice");
  }

  /**
   * Methods named {@code name} with a body whose first parameter is {@code firstParameter} (a tool
   * callback's {@code call(String, ToolContext)} included: it may do the work or delegate to {@code
   * call(String)}, and a call nested in one of the same op is not recorded twice).
   */
  private static ElementMatcher.Junction<MethodDescription> concrete(
      String name, String firstParameter) {
    return named(name)
        .and(not(isAbstract()))
        .and(takesArgument(0, named(firstParameter)))
        .and(takesArguments(1).or(takesArguments(2)));
  }

  private static TypeInstrumentation implementationsOf(String type, MethodAdvice... advice) {
    return type(hasSuperType(named(type)).and(not(isInterface())), advice);
  }

  private static TypeInstrumentation type(
      ElementMatcher<TypeDescription> types, MethodAdvice... advice) {
    List<MethodAdvice> methods = List.of(advice);
    return new TypeInstrumentation() {
      @Override
      public ElementMatcher<TypeDescription> typeMatcher() {
        return types;
      }

      @Override
      public List<MethodAdvice> methodAdvice() {
        return methods;
      }
    };
  }
}
