package dev.weave4j.it.apps;

import dev.weave4j.annotations.WeaveIgnore;
import dev.weave4j.annotations.WeaveOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every method shape the agent must trace, all called under one root op ({@code
 * MethodShapesApp.runAll}) so a single tree holds them. Compiled without {@code -parameters}: the
 * recorded input names must still be the source names.
 */
public final class MethodShapesApp {

  private MethodShapesApp() {}

  public static void main(String[] args) {
    System.out.println(runAll("shapes"));
  }

  @WeaveOp
  static String runAll(String label) {
    List<String> out = new ArrayList<>();
    Shapes shapes = new Shapes();
    out.add("search " + shapes.search("vector db", 3));
    out.add("staticMix " + Shapes.staticMix(10_000_000_000L, 0.25, "quarter"));
    out.add("private " + shapes.callPrivate("ab"));
    out.add("final " + shapes.finalLength("weave"));
    out.add("synchronized " + shapes.syncCounter(5L));
    out.add("generic " + shapes.pick(List.of("first", "second")));
    out.add("generic int " + shapes.pick(List.of(7, 8)));
    out.add("varargs " + shapes.join("-", "a", "b", "c"));
    out.add("varargs empty [" + shapes.join("+") + "]");
    out.add("ignore " + shapes.login("alice", "otp-4242"));
    out.add("redact " + shapes.configure(secretSettings(), "hunter2").keySet());
    out.add("named " + shapes.named("x"));
    out.add("nested " + new Shapes.Inner().nestedOp(4));
    out.add("default " + new PoliteGreeter().greet("bob"));
    out.add("interface impl " + new LengthScorer().score("twelve chars"));
    out.add("abstract impl " + new EchoTool().invoke("ls"));
    out.add("override " + new CachedRetriever().retrieve("why"));
    Handler<String> viaInterface = new StringHandler();
    out.add("generic interface " + viaInterface.handle("via interface"));
    out.add("generic direct " + new StringHandler().handle("direct"));
    return label + ":\n" + String.join("\n", out);
  }

  private static Map<String, Object> secretSettings() {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("PASSWORD", "pw-in-list");
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("Authorization", "Bearer tok-123");
    nested.put("headers", List.of(header));
    nested.put("region", "eu");
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("model", "gpt-x");
    settings.put("api_key", "sk-secret-1");
    settings.put("nested", nested);
    settings.put("Secret", "shh");
    settings.put("auth_headers", Map.of("X-Key", "k-999"));
    return settings;
  }
}

class Shapes {

  private long counter;

  @WeaveOp
  List<String> search(String query, int topK) {
    List<String> hits = new ArrayList<>();
    for (int i = 0; i < topK; i++) {
      hits.add(query + "#" + i);
    }
    return hits;
  }

  /** Two-slot parameters (long, double) before a reference: names must follow the real slots. */
  @WeaveOp
  static long staticMix(long big, double ratio, String label) {
    return Math.round(big * ratio) + label.length();
  }

  String callPrivate(String text) {
    return privateEcho(text);
  }

  @WeaveOp
  private String privateEcho(String text) {
    return text + text;
  }

  @WeaveOp
  final int finalLength(String word) {
    return word.length();
  }

  @WeaveOp
  synchronized long syncCounter(long delta) {
    counter += delta;
    return counter;
  }

  @WeaveOp
  <T> T pick(List<T> xs) {
    return xs.get(0);
  }

  @WeaveOp
  String join(String separator, String... parts) {
    return String.join(separator, parts);
  }

  @WeaveOp
  String login(String user, @WeaveIgnore String oneTimeCode) {
    return user + " logged in with a " + oneTimeCode.length() + "-char code";
  }

  @WeaveOp
  Map<String, Object> configure(Map<String, Object> settings, String password) {
    Map<String, Object> applied = new LinkedHashMap<>();
    applied.put("model", settings.get("model"));
    applied.put("api_key", "sk-out-2");
    applied.put("password_length", password.length());
    return applied;
  }

  @WeaveOp(name = "shapes.custom")
  String named(String x) {
    return "named " + x;
  }

  static final class Inner {
    @WeaveOp
    String nestedOp(int n) {
      return "inner " + n;
    }
  }
}

interface Greeter {
  @WeaveOp
  default String greet(String name) {
    return "hello " + name;
  }
}

class PoliteGreeter implements Greeter {}

interface Scorer {
  @WeaveOp
  double score(String doc);
}

/** Annotation only on the interface; the parameter name differs from the interface's on purpose. */
class LengthScorer implements Scorer {
  @Override
  public double score(String document) {
    return document.length() / 4.0;
  }
}

abstract class Tool {
  @WeaveOp
  abstract String invoke(String command);
}

class EchoTool extends Tool {
  @Override
  String invoke(String command) {
    return "echo " + command;
  }
}

class BaseRetriever {
  @WeaveOp
  String retrieve(String question) {
    return "base:" + question;
  }
}

class CachedRetriever extends BaseRetriever {
  @Override
  String retrieve(String question) {
    return "cached(" + super.retrieve(question) + ")";
  }
}

interface Handler<T> {
  @WeaveOp
  String handle(T t);
}

/** Has a compiler-generated bridge {@code handle(Object)}, which must not be a second call. */
class StringHandler implements Handler<String> {
  @Override
  public String handle(String message) {
    return message.toUpperCase();
  }
}
