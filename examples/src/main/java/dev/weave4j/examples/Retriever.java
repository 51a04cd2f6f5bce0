package dev.weave4j.examples;

import dev.weave4j.annotations.WeaveOp;
import java.util.List;

/** Finds documents for a query. Implementations are traced: the annotation is inherited. */
public interface Retriever {

  /** The {@code topK} documents that best match {@code query}. */
  @WeaveOp
  List<Document> retrieve(String query, int topK);
}
