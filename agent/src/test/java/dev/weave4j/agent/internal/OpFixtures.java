package dev.weave4j.agent.internal;

import dev.weave4j.annotations.WeaveIgnore;
import dev.weave4j.annotations.WeaveOp;
import java.util.function.Supplier;

/** Classes whose class files the agent tests describe; never instrumented here. */
@SuppressWarnings({"unused", "UnusedMethod"})
final class OpFixtures {

  private OpFixtures() {}

  static class Shapes {

    Shapes() {}

    @WeaveOp
    public String instance(String text, int count) {
      return text.repeat(count);
    }

    @WeaveOp
    static long twice(long value, double factor) {
      long local = value * 2;
      return (long) (local * factor);
    }

    @WeaveOp
    private String secret(String token) {
      return token;
    }

    @WeaveOp
    final String fixed(String a) {
      return a;
    }

    @WeaveOp
    synchronized String locked(String a) {
      return a;
    }

    @WeaveOp
    <T extends Comparable<T>> T max(T left, T right) {
      return left.compareTo(right) >= 0 ? left : right;
    }

    @WeaveOp(name = "  custom-name  ", kind = "llm")
    String named(String question) {
      return question;
    }

    @WeaveOp
    String ignoring(String query, @WeaveIgnore String apiKey, double temperature) {
      return query;
    }

    @WeaveOp
    Supplier<String> withLambda(String value) {
      return () -> value + "!";
    }

    String plain(String a) {
      return a;
    }
  }

  interface Greeter {
    @WeaveOp(kind = "tool")
    String greet(String name);

    @WeaveOp
    default String wave(String name) {
      return "o/ " + name;
    }

    default String nod(String name) {
      return name;
    }
  }

  static class GreeterImpl implements Greeter {
    @Override
    public String greet(String who) {
      return "hello " + who;
    }

    public String greet(String who, int times) {
      return greet(who).repeat(times);
    }
  }

  interface PoliteGreeter extends Greeter {}

  static class PoliteGreeterImpl implements PoliteGreeter {
    @Override
    public String greet(String person) {
      return "good day " + person;
    }

    @Override
    public String wave(String person) {
      return "*waves* " + person;
    }
  }

  abstract static class AbstractStep {
    @WeaveOp(name = "step")
    abstract String step(String input);
  }

  static class ConcreteStep extends AbstractStep {
    @Override
    String step(String input) {
      return input;
    }
  }

  static class Base {
    @WeaveOp(name = "base-run")
    String run(String x) {
      return x;
    }

    @WeaveOp
    static String util(String x) {
      return x;
    }

    @WeaveOp
    private String hidden(String x) {
      return x;
    }
  }

  static class Derived extends Base {
    @Override
    String run(String y) {
      return y + y;
    }

    static String util(String x) {
      return x;
    }

    private String hidden(String x) {
      return x;
    }
  }

  static class OwnAnnotationWins extends Base {
    @Override
    @WeaveOp(name = "own")
    String run(String x) {
      return x;
    }
  }

  interface Handler<T> {
    @WeaveOp
    String handle(T item);
  }

  static class StringHandler implements Handler<String> {
    @Override
    public String handle(String item) {
      return item;
    }
  }

  abstract static class BaseHandler<T> implements Handler<T> {}

  static class DeepHandler extends BaseHandler<Integer> {
    @Override
    public String handle(Integer item) {
      return String.valueOf(item);
    }
  }

  interface Bounded<T extends CharSequence> {
    @WeaveOp
    int measure(T text);
  }

  static class BoundedImpl implements Bounded<StringBuilder> {
    @Override
    public int measure(StringBuilder text) {
      return text.length();
    }

    public int measure(String other) {
      return other.length();
    }
  }

  interface Identity {
    @WeaveOp
    <T> T identity(T value);
  }

  static class IdentityImpl implements Identity {
    @Override
    public <T> T identity(T value) {
      return value;
    }
  }

  static class Factory {
    @WeaveOp
    Object make(String spec) {
      return spec;
    }
  }

  static class CovariantFactory extends Factory {
    @Override
    String make(String spec) {
      return spec.trim();
    }
  }

  static class Repository<T> {
    @WeaveOp(name = "repo-save")
    String save(T entity) {
      return String.valueOf(entity);
    }
  }

  static class UserRepository extends Repository<StringBuilder> {
    @Override
    String save(StringBuilder user) {
      return user.toString();
    }
  }

  static class PlainGreeter implements Greeter {
    @Override
    public String greet(String name) {
      return name;
    }
  }

  static class LoudGreeter extends PlainGreeter {
    @Override
    public String greet(String name) {
      return name.toUpperCase(java.util.Locale.ROOT);
    }
  }

  static class Unrelated {
    String greet(String name) {
      return name;
    }
  }

  static Greeter anonymousGreeter() {
    return new Greeter() {
      @Override
      public String greet(String name) {
        return name;
      }
    };
  }

  /** The secret is ignored on the interface only. */
  interface SecretChat {
    @WeaveOp
    String chat(String prompt, @WeaveIgnore String token);
  }

  static final class SecretChatImpl implements SecretChat {
    @Override
    public String chat(String prompt, String token) {
      return prompt;
    }
  }

  /** Return types and the shape each one gets. */
  static class Returns {
    @WeaveOp
    java.util.Iterator<String> iterator() {
      return null;
    }

    @WeaveOp
    Iterable<String> iterable() {
      return null;
    }

    @WeaveOp
    java.util.List<String> list() {
      return null;
    }

    @WeaveOp
    java.util.stream.Stream<String> stream() {
      return null;
    }

    @WeaveOp
    java.util.stream.IntStream intStream() {
      return null;
    }

    @WeaveOp
    java.util.Spliterator<String> spliterator() {
      return null;
    }

    @WeaveOp
    java.util.concurrent.Flow.Publisher<String> publisher() {
      return null;
    }

    @WeaveOp
    org.reactivestreams.Publisher<String> reactivePublisher() {
      return null;
    }

    @WeaveOp
    reactor.core.publisher.Flux<String> flux() {
      return null;
    }

    @WeaveOp
    reactor.core.publisher.Mono<String> mono() {
      return null;
    }

    @WeaveOp
    reactor.core.publisher.ConnectableFlux<String> connectableFlux() {
      return null;
    }

    @WeaveOp
    java.util.concurrent.CompletionStage<String> stage() {
      return null;
    }

    @WeaveOp
    MyFuture future() {
      return null;
    }

    @WeaveOp
    Object object() {
      return null;
    }

    @WeaveOp
    int primitive() {
      return 0;
    }

    @WeaveOp
    java.util.ListIterator<String> listIterator() {
      return null;
    }
  }

  static class MyFuture extends java.util.concurrent.CompletableFuture<String> {}
}
