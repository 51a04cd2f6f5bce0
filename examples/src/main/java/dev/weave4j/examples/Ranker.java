package dev.weave4j.examples;

import dev.weave4j.annotations.WeaveOp;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Re-ranks retrieved documents. */
public final class Ranker {

  /** Most query words first, then shorter documents: a stand-in for a real re-ranker. */
  @WeaveOp
  public List<Document> rank(String query, List<Document> candidates) {
    List<String> words = Arrays.asList(Text.normalize(query).split(" "));
    Comparator<Document> byScore = Comparator.comparingLong(d -> -score(words, d));
    return candidates.stream().sorted(byScore.thenComparingInt(d -> d.text().length())).toList();
  }

  private static long score(List<String> words, Document d) {
    String text = d.text().toLowerCase(Locale.ROOT);
    return words.stream().filter(w -> w.length() > 3 && text.contains(w)).count();
  }
}
