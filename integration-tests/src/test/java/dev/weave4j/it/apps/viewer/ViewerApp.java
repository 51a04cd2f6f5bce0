package dev.weave4j.it.apps.viewer;

import dev.weave4j.Weave;
import dev.weave4j.WeaveScope;
import dev.weave4j.annotations.WeaveOp;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the viewer tests look at, written by the agent as an app writes it. {@code store}: 60 roots
 * {@code Catalog.lookup} (every tenth fails; attribute {@code env} alternates {@code prod}/{@code
 * dev}), one nested trace {@code Shop.checkout} (a priced LLM-like child with token usage, a
 * streamed child, a child that throws and is caught), a root {@code Scratch.tmp} with a child (to
 * be deleted), and two turns of thread {@code thread-7}. {@code live <n>}: {@code n} roots {@code
 * Live.tick}.
 */
public final class ViewerApp {

  private ViewerApp() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("live")) {
      int n = Integer.parseInt(args[1]);
      for (int i = 1; i <= n; i++) {
        Live.tick(i);
      }
      System.out.println("live done");
      return;
    }
    Catalog catalog = new Catalog();
    for (int sku = 1; sku <= 60; sku++) {
      try (WeaveScope s = Weave.attributes(Map.of("env", sku % 2 == 0 ? "prod" : "dev"))) {
        catalog.lookup(sku);
      } catch (IllegalArgumentException e) {
        // recorded as the call's exception
      }
    }
    System.out.println(new Shop().checkout("blue-teapot", 2));
    new Scratch().tmp();
    Assistant assistant = new Assistant();
    try (WeaveScope s = Weave.thread("thread-7")) {
      assistant.reply("hello");
      assistant.reply("goodbye");
    }
    System.out.println("store done");
  }

  /** An LLM-like answer: {@code model} and {@code usage} make {@code summary.usage[model]}. */
  public record Completion(String model, String text, Usage usage) {}

  public record Usage(int promptTokens, int completionTokens, int totalTokens) {}

  static final class Catalog {
    @WeaveOp
    String lookup(int sku) {
      if (sku % 10 == 0) {
        throw new IllegalArgumentException("no such sku " + sku);
      }
      return "item-" + sku;
    }
  }

  static final class Shop {
    @WeaveOp
    String checkout(String cart, int quantity) {
      Completion quote = quote(cart);
      String items = items(quantity).collect(Collectors.joining(","));
      try {
        charge(quantity * 10);
      } catch (IllegalStateException e) {
        return "declined: " + quote.text() + " [" + items + "]";
      }
      return "paid";
    }

    @WeaveOp(kind = "llm")
    Completion quote(String cart) {
      return new Completion("gpt-4o", "a quote for " + cart, new Usage(1200, 300, 1500));
    }

    @WeaveOp
    Stream<String> items(int quantity) {
      return Stream.of("teapot", "lid", "cup").limit(quantity + 1L);
    }

    @WeaveOp
    void charge(int amount) {
      throw new IllegalStateException("card declined for " + amount);
    }
  }

  static final class Scratch {
    @WeaveOp
    String tmp() {
      return part();
    }

    @WeaveOp
    String part() {
      return "scratch";
    }
  }

  static final class Assistant {
    @WeaveOp
    String reply(String message) {
      return "you said " + message;
    }
  }

  static final class Live {
    @WeaveOp
    static List<Integer> tick(int i) {
      return List.of(i);
    }
  }
}
