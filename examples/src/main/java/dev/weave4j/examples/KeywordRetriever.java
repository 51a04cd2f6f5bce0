package dev.weave4j.examples;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Scores documents by shared words; traced through {@link Retriever}'s annotation. */
public final class KeywordRetriever implements Retriever {

  private final List<Document> docs;

  /** A retriever over {@code docs}. */
  public KeywordRetriever(List<Document> docs) {
    this.docs = docs;
  }

  @Override
  public List<Document> retrieve(String query, int topK) {
    String normalized = Text.normalize(query);
    return docs.stream()
        .sorted(Comparator.comparingLong((Document d) -> -overlap(normalized, d.text())))
        .limit(topK)
        .toList();
  }

  private static long overlap(String query, String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return Arrays.stream(query.split(" ")).filter(w -> w.length() > 3 && lower.contains(w)).count();
  }
}
