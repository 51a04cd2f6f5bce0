package dev.weave4j.examples;

import dev.weave4j.annotations.WeaveOp;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Retrieve, rank, answer: each step is an op, nested under {@link #answer}. */
public final class Pipeline {

  private final Retriever retriever;
  private final Ranker ranker;
  private final FakeModel model;

  /** A pipeline of the given steps. */
  public Pipeline(Retriever retriever, Ranker ranker, FakeModel model) {
    this.retriever = retriever;
    this.ranker = ranker;
    this.model = model;
  }

  /** Answers every question; an invalid one is reported, not fatal. The root op. */
  @WeaveOp
  public List<String> run(List<String> questions) {
    List<String> answers = new ArrayList<>();
    for (String question : questions) {
      try {
        answers.add(answer(question));
      } catch (IllegalArgumentException e) {
        answers.add("(skipped: " + e.getMessage() + ")");
      }
    }
    return answers;
  }

  /**
   * Answers one question.
   *
   * @throws IllegalArgumentException for a blank question (recorded as the call's exception)
   */
  @WeaveOp
  public String answer(String question) {
    if (question.isBlank()) {
      throw new IllegalArgumentException("question is blank");
    }
    List<Document> ranked = ranker.rank(question, retriever.retrieve(question, 2));
    String context = ranked.stream().map(Document::text).collect(Collectors.joining("\n"));
    return model.complete("Question: " + question + "\nContext:\n" + context, 0.2).text();
  }
}
