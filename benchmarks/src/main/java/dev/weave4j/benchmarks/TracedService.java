package dev.weave4j.benchmarks;

import dev.weave4j.annotations.WeaveOp;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import java.util.Iterator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The methods every configuration calls: traced by weave4j ({@code @WeaveOp}) under its agent, by
 * the OpenTelemetry agent ({@code @WithSpan}) under that one, and plain methods with no agent.
 */
public class TracedService {

  /** A small record argument, serialized by weave4j as an ObjectRecord. */
  public record Document(String id, String title, int score, double weight) {}

  /** A traced call with small arguments. */
  @WeaveOp
  @WithSpan
  public int small(int count, String query) {
    return count + query.length();
  }

  /** A traced call with a 10 KB string and a record argument. */
  @WeaveOp
  @WithSpan
  public int large(String text, Document document) {
    return text.length() + document.score();
  }

  /** The outer level of a three-level nested call. */
  @WeaveOp
  @WithSpan
  public int outer(int x) {
    return middle(x) + 1;
  }

  /** The middle level of a three-level nested call. */
  @WeaveOp
  @WithSpan
  public int middle(int x) {
    return inner(x) + 1;
  }

  /** The inner level of a three-level nested call. */
  @WeaveOp
  @WithSpan
  public int inner(int x) {
    return x + 1;
  }

  /** A call that is never sampled. */
  @WeaveOp(tracingSampleRate = 0.0)
  @WithSpan
  public int sampledOut(int count, String query) {
    return count + query.length();
  }

  /** A traced method returning a stream of {@code n} elements. */
  @WeaveOp
  @WithSpan
  public Stream<Integer> stream(int n) {
    return IntStream.range(0, n).boxed();
  }

  /** A traced method returning an iterator over {@code n} elements. */
  @WeaveOp
  @WithSpan
  public Iterator<Integer> iterator(int n) {
    return IntStream.range(0, n).iterator();
  }
}
