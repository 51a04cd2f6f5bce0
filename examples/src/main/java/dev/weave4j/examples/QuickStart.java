package dev.weave4j.examples;

import java.util.List;

/**
 * The quick-start app: a tiny retrieval-augmented "LLM" pipeline, traced by running it with {@code
 * -javaagent:weave-agent.jar}. Needs no network and no account: calls go to the local store and
 * {@code java -jar weave-agent.jar tree} shows them.
 */
public final class QuickStart {

  private static final List<Document> DOCS =
      List.of(
          new Document("weave", "Weave traces every call of an op: inputs, outputs and timing."),
          new Document("agent", "A Java agent instruments classes as they are loaded."),
          new Document("jvm", "The JVM runs Java, Kotlin and Scala programs."),
          new Document("tokens", "LLM usage is counted in prompt and completion tokens."));

  private QuickStart() {}

  /** Answers a few questions, one of them invalid, and prints the answers. */
  public static void main(String[] args) {
    Pipeline pipeline =
        new Pipeline(new KeywordRetriever(DOCS), new Ranker(), new FakeModel("fake-gpt-mini"));
    List<String> answers =
        pipeline.run(List.of("What does Weave trace?", "How does a Java agent work?", " "));
    answers.forEach(System.out::println);
  }
}
