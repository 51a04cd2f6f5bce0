package dev.weave4j.it.apps;

import dev.weave4j.annotations.WeaveOp;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Four root calls: a successful tree ({@code answer} → {@code retrieve}, {@code generate}), a tree
 * whose child throws and the exception escapes to the app ({@code ingest} → {@code validate}), a
 * checked exception ({@code load}), and a parent that catches its child's exception ({@code
 * recover} → {@code validate}). The app prints what it caught, so the test sees that the exception
 * reached it unchanged.
 */
public final class TreeApp {

  private TreeApp() {}

  public static void main(String[] args) {
    Pipeline pipeline = new Pipeline();
    System.out.println("answer: " + pipeline.answer("what is weave", 2));
    try {
      pipeline.ingest("bad doc");
      System.out.println("ingest: no exception");
    } catch (IllegalStateException e) {
      printCaught(e);
      System.out.println("same instance as thrown: " + (e == Pipeline.lastThrown));
    }
    try {
      pipeline.load("missing.txt");
      System.out.println("load: no exception");
    } catch (IOException e) {
      printCaught(e);
    }
    System.out.println("recover: " + pipeline.recover("input"));
  }

  private static void printCaught(Exception e) {
    System.out.println("caught " + e.getClass().getName() + ": " + e.getMessage());
    System.out.println("  thrown in " + e.getStackTrace()[0].getMethodName());
    System.out.println("  cause " + e.getCause());
    System.out.println("  suppressed " + e.getSuppressed().length);
  }
}

class Pipeline {

  static RuntimeException lastThrown;

  @WeaveOp
  public String answer(String query, int topK) {
    List<String> docs = retrieve(query, topK);
    return generate(query, docs);
  }

  @WeaveOp
  List<String> retrieve(String query, int topK) {
    List<String> docs = new ArrayList<>();
    for (int i = 1; i <= topK; i++) {
      docs.add("doc" + i + ":" + query);
    }
    return docs;
  }

  @WeaveOp
  String generate(String prompt, List<String> context) {
    return prompt.toUpperCase() + " (" + context.size() + " docs)";
  }

  @WeaveOp
  void ingest(String doc) {
    validate(doc);
  }

  @WeaveOp
  void validate(String doc) {
    if (doc.startsWith("bad")) {
      lastThrown = new IllegalStateException("rejected: " + doc);
      throw lastThrown;
    }
  }

  @WeaveOp
  String load(String path) throws IOException {
    throw new FileNotFoundException(path);
  }

  @WeaveOp
  String recover(String input) {
    try {
      validate("bad " + input);
      return "validated";
    } catch (IllegalStateException e) {
      return "fallback for " + input;
    }
  }
}
