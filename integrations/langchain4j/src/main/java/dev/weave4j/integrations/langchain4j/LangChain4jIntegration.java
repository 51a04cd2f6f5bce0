package dev.weave4j.integrations.langchain4j;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
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
 * LangChain4j: chat and streaming chat models of any provider (at {@code doChat}, where every
 * {@code chat(...)} overload ends), embedding models, embedding stores, content retrievers, tool
 * executors and the handler behind {@code AiServices} proxies. Implementations are matched by their
 * LangChain4j interface (a class of the app's own is traced too); where an interface's default
 * method is the entry point (embedding models, tool executors) the interface is advised.
 */
public final class LangChain4jIntegration implements WeaveIntegration {

  private static final String CHAT_MODEL = "dev.langchain4j.model.chat.ChatModel";
  private static final String STREAMING_CHAT_MODEL =
      "dev.langchain4j.model.chat.StreamingChatModel";
  private static final String EMBEDDING_MODEL = "dev.langchain4j.model.embedding.EmbeddingModel";
  private static final String EMBEDDING_STORE = "dev.langchain4j.store.embedding.EmbeddingStore";
  private static final String CONTENT_RETRIEVER =
      "dev.langchain4j.rag.content.retriever.ContentRetriever";
  private static final String TOOL_EXECUTOR = "dev.langchain4j.service.tool.ToolExecutor";
  private static final String DEFAULT_TOOL_EXECUTOR =
      "dev.langchain4j.service.tool.DefaultToolExecutor";
  private static final String CHAT_REQUEST = "dev.langchain4j.model.chat.request.ChatRequest";

  /** The package of the helper and advice classes, by string (see the OpenAI integration). */
  private static final String P = "dev.weave4j.integrations.langchain4j.";

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    ElementMatcher<TypeDescription> types =
        nameStartsWith("dev.langchain4j.service.DefaultAiServices$")
            .or(namedOneOf(EMBEDDING_MODEL, TOOL_EXECUTOR))
            .or(
                not(isInterface())
                    // a cheap look at the class's own methods first: most classes declare none of
                    // these, and need no walk over their supertypes (class files read one by one)
                    .and(
                        declaresMethod(
                            namedOneOf(
                                "doChat",
                                "embed",
                                "embedAll",
                                "search",
                                "retrieve",
                                "executeWithContext")))
                    .and(
                        hasSuperType(
                            namedOneOf(
                                CHAT_MODEL,
                                STREAMING_CHAT_MODEL,
                                EMBEDDING_MODEL,
                                EMBEDDING_STORE,
                                CONTENT_RETRIEVER,
                                TOOL_EXECUTOR))));
    List<MethodAdvice> advice =
        List.of(
            advice(
                CHAT_MODEL,
                named("doChat").and(takesArguments(1)).and(takesArgument(0, named(CHAT_REQUEST))),
                "ChatAdvice"),
            advice(
                STREAMING_CHAT_MODEL,
                named("doChat").and(takesArguments(2)).and(takesArgument(0, named(CHAT_REQUEST))),
                "StreamingChatAdvice"),
            advice(
                EMBEDDING_MODEL,
                namedOneOf("embed", "embedAll").and(takesArguments(1)).and(not(isStatic())),
                "EmbedAdvice"),
            advice(
                EMBEDDING_STORE,
                named("search")
                    .and(takesArguments(1))
                    .and(
                        takesArgument(
                            0, named("dev.langchain4j.store.embedding.EmbeddingSearchRequest"))),
                "SearchAdvice"),
            advice(
                CONTENT_RETRIEVER,
                named("retrieve")
                    .and(takesArguments(1))
                    .and(takesArgument(0, named("dev.langchain4j.rag.query.Query"))),
                "RetrieveAdvice"),
            advice(
                TOOL_EXECUTOR,
                named("executeWithContext")
                    .and(takesArguments(2))
                    .and(
                        takesArgument(0, named("dev.langchain4j.agent.tool.ToolExecutionRequest"))),
                "ToolAdvice"),
            MethodAdvice.optional(
                isDeclaredBy(named(DEFAULT_TOOL_EXECUTOR))
                    .and(named("execute"))
                    .and(isPrivate())
                    .and(takesArguments(Object[].class)),
                P + "ToolFailureAdvice"),
            MethodAdvice.optional(
                isDeclaredBy(nameStartsWith("dev.langchain4j.service.DefaultAiServices$"))
                    .and(named("invoke"))
                    .and(
                        takesArguments(
                            Object.class, java.lang.reflect.Method.class, Object[].class)),
                P + "ServiceAdvice"));
    return List.of(
        new TypeInstrumentation() {
          @Override
          public ElementMatcher<TypeDescription> typeMatcher() {
            return types;
          }

          @Override
          public List<MethodAdvice> methodAdvice() {
            return advice;
          }
        });
  }

  /**
   * Advice on the methods {@code methods} of types that are (or implement) {@code type}; optional,
   * since an implementation need not override them.
   */
  private static MethodAdvice advice(
      String type, ElementMatcher.Junction<MethodDescription> methods, String adviceClass) {
    return MethodAdvice.optional(
        isDeclaredBy(hasSuperType(named(type))).and(methods), P + adviceClass);
  }

  @Override
  public List<String> helperClassNames() {
    return List.of(
        P + "Lc4jJson",
        P + "Lc4jTracing",
        P + "StreamingCall",
        P + "ServiceTracing",
        P + "ServiceTracing$ServiceOp",
        P + "ServiceTracing$ServiceCall",
        P + "ServiceTracing$ToolCall",
        P + "ServiceTracing$TracedTokenStream");
  }
}
