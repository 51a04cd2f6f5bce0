package dev.weave4j.it.apps.ops;

import dev.weave4j.Call;
import dev.weave4j.CallResult;
import dev.weave4j.Weave;
import dev.weave4j.WeaveClient;
import dev.weave4j.WeaveScope;
import dev.weave4j.annotations.CallDisplayName;
import dev.weave4j.annotations.CallInfo;
import dev.weave4j.annotations.InputsPostprocessor;
import dev.weave4j.annotations.OutputPostprocessor;
import dev.weave4j.annotations.WeaveOp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Java twins of the code examples of the upstream "Tracing basics" page (display names, op names,
 * attributes, the {@code rag_step} postprocessors, manual calls, {@code tracing_disabled}, {@code
 * op.call()}, threads) plus their failure cases. Prints {@code key=value} lines (call ids among
 * them) that the test uses to find the calls.
 */
public final class OpsApp {

  private OpsApp() {}

  public static void main(String[] args) {
    Docs docs = new Docs();
    displayNames(docs);
    opNames(docs);
    postprocessing();
    attributes(docs);
    summaries();
    manualCalls(docs);
    disabled(docs);
    handles(docs);
    threads(docs);
  }

  static void print(String key, Object value) {
    System.out.println(key + "=" + value);
  }

  private static void displayNames(Docs docs) {
    docs.myFunction("World");
    try (WeaveScope s = Weave.attributes(Map.of("user", "ada"))) {
      docs.greet("World", 3);
    }
    try (WeaveScope s =
        Weave.attributes(
            Map.of(
                "model", "finetuned-llama-3.1-8b", "revision", "v0.1.2", "date", "2024-08-01"))) {
      docs.func();
    }
    try (WeaveScope s =
        Weave.attributes(
            Map.of("model", "finetuned-gpt-4o", "revision", "v0.1.3", "date", "2024-08-02"))) {
      docs.func();
    }
    docs.stamped();
    // __weave={"display_name": ...} wins over the op's own name
    CallResult<String> perCall =
        Weave.callOptions().displayName("Per Call Name").call(() -> docs.myFunction("Per"));
    print("perCall.result", perCall.result());
    print("perCall.id", perCall.call().map(Call::id).orElse("none"));
    // result, call = my_function.call("World"); call.set_display_name(...)
    CallResult<String> later = Weave.call(() -> docs.plain("World"));
    later.call().orElseThrow().setDisplayName("My Custom Display Name");
    print("setName.id", later.call().orElseThrow().id());
    CallResult<String> removed = Weave.call(() -> docs.myFunction("Removed"));
    removed.call().orElseThrow().removeDisplayName();
    print("removedName.id", removed.call().orElseThrow().id());
    docs.echo("x".repeat(1000) + "y".repeat(100));
    print("badNamer", docs.badNamer(1));
    print("missingInput", docs.missingInput("value"));
  }

  private static void opNames(Docs docs) {
    docs.renamed("a");
    docs.bang();
  }

  private static void postprocessing() {
    Rag rag = new Rag();
    List<Map<String, String>> docs = rag.ragStep("Tell me about OpenAI");
    print("rag.docs", docs.size() + " " + docs.get(0).get("title") + " " + docs.get(1).get("url"));
    print("rag.received", Rag.received);
    print("login", rag.login("ada", "sk-secret-123"));
    print(
        "connect",
        rag.connect(
            "ada",
            "hunter2-pw",
            Map.of(
                "openai_api_key", "sk-openai-456",
                "client_secret", "cs-789",
                "access_token", "at-012",
                "x-api-key", "xk-345",
                "cookie", "session=ck-678"),
            Map.of(
                "max_tokens", 256,
                "prompt_tokens", 12,
                "total_tokens", 30,
                "input_tokens", 12,
                "token_count", 3)));
    print("brokenInputs", rag.brokenInputs(7));
    print("brokenOutput", rag.brokenOutput());
  }

  private static void attributes(Docs docs) {
    try (WeaveScope s = Weave.attributes(Map.of("env", "production"))) {
      docs.tagged("env");
    }
    try (WeaveScope outer = Weave.attributes(Map.of("env", "prod", "user", "ada"))) {
      try (WeaveScope inner = Weave.attributes(Map.of("user", "bob"))) {
        docs.tagged("nested");
      }
      docs.tagged("restored");
      Weave.callOptions()
          .attributes(Map.of("user", "carol", "request", 7))
          .run(() -> docs.tagged("perCall"));
    }
    WeaveScope a = Weave.attributes(Map.of("a", 1));
    WeaveScope b = Weave.attributes(Map.of("b", 2));
    a.close();
    docs.tagged("outOfOrder");
    b.close();
    docs.tagged("none");
    try {
      Weave.attributes(Map.of("weave", "mine"));
      print("reservedKey", "accepted");
    } catch (IllegalArgumentException e) {
      print("reservedKey", e.getMessage());
    }
  }

  private static void summaries() {
    Agents agents = new Agents();
    print("agent", agents.run("plan a trip"));
  }

  private static void manualCalls(Docs docs) {
    print("manual", myFunction("World"));
    print("manualNested", docs.withManualStep());
    WeaveClient client = Weave.client();
    Call failed = client.createCall("risky", Map.of("attempt", 1));
    client.failCall(failed, new IllegalStateException("manual failure"));
  }

  /** The docs' manual-call example. */
  static String myFunction(String name) {
    WeaveClient client = Weave.client();
    Call call = client.createCall("my_function", Map.of("name", name));
    print("manual.id", call.id());
    client.finishCall(call, "Hello, World!");
    return "Hello, " + name + "!";
  }

  private static void disabled(Docs docs) {
    try (WeaveScope off = Weave.tracingDisabled()) {
      print("disabled", docs.myOp());
    }
    print("enabled", docs.myOp());
  }

  private static void handles(Docs docs) {
    CallResult<String> r = Weave.call(() -> docs.plain("Handle"));
    print("handle.result", r.result());
    print("handle.id", r.call().orElseThrow().id());
    MyClass instance = new MyClass();
    CallResult<String> m = Weave.call(() -> instance.myMethod("World"));
    print("method.result", m.result());
    print("method.id", m.call().orElseThrow().id());
    CallResult<String> failed = Weave.call(docs::fails);
    print("failed.exception", failed.exception().map(Throwable::getMessage).orElse("none"));
    print("failed.id", failed.call().orElseThrow().id());
    print("current", docs.current());
  }

  private static void threads(Docs docs) {
    try (WeaveScope t = Weave.thread("conv-1")) {
      docs.turn("first");
      docs.turn("second");
    }
    try (WeaveScope t = Weave.thread()) {
      docs.turn("generated");
    }
    docs.turn("outside");
  }

  /** {@code custom_attribute_name} of the docs. */
  public static final class ModelRevisionDate implements CallDisplayName {
    @Override
    public String displayName(CallInfo call) {
      Map<String, Object> a = call.attributes();
      return a.get("model") + "__" + a.get("revision") + "__" + a.get("date");
    }
  }

  /** {@code lambda call: f"{call.func_name}__{datetime.now()}"}. */
  public static final class FuncNameNow implements CallDisplayName {
    @Override
    public String displayName(CallInfo call) {
      return call.funcName() + "__" + LocalDate.now();
    }
  }

  public static final class Broken implements CallDisplayName {
    @Override
    public String displayName(CallInfo call) {
      throw new IllegalStateException("namer failed on purpose");
    }
  }

  public static final class Docs {

    @WeaveOp(callDisplayName = "My Custom Display Name")
    public String myFunction(String name) {
      return "Hello, " + name + "!";
    }

    @WeaveOp(callDisplayName = "{op} greets {inputs.name} x{inputs.times} for {attributes.user}")
    public String greet(String name, int times) {
      return ("Hello, " + name + "! ").repeat(times).trim();
    }

    @WeaveOp(callDisplayNameFn = ModelRevisionDate.class)
    public String func() {
      return "...";
    }

    @WeaveOp(callDisplayNameFn = FuncNameNow.class)
    public String stamped() {
      return "...";
    }

    @WeaveOp
    public String plain(String name) {
      return "Hello, " + name + "!";
    }

    @WeaveOp(callDisplayName = "{inputs.text}")
    public int echo(String text) {
      return text.length();
    }

    @WeaveOp(callDisplayNameFn = Broken.class)
    public int badNamer(int x) {
      return x + 1;
    }

    @WeaveOp(callDisplayName = "{inputs.nope}")
    public String missingInput(String value) {
      return value.toUpperCase();
    }

    @WeaveOp(name = "My Custom Op Name")
    public String renamed(String x) {
      return x;
    }

    @WeaveOp(name = "my op!")
    public void bang() {}

    @WeaveOp
    public String tagged(String label) {
      return label;
    }

    @WeaveOp
    public String withManualStep() {
      WeaveClient client = Weave.client();
      Call step =
          client.createCall("manual_step", Map.of("k", 1), null, Map.of("tag", "m"), "Manual Step");
      String inner = plain("inside manual");
      client.finishCall(step, Map.of("done", true));
      return inner;
    }

    @WeaveOp
    public String myOp() {
      return "my_op ran";
    }

    @WeaveOp
    public String fails() {
      throw new IllegalArgumentException("op failed on purpose");
    }

    @WeaveOp
    public boolean current() {
      Call c = Weave.currentCall().orElseThrow();
      print("current.id", c.id());
      return c.opName().equals("Docs.current");
    }

    @WeaveOp
    public String turn(String label) {
      return plain(label);
    }
  }

  public static final class MyClass {
    @WeaveOp
    public String myMethod(String name) {
      return "Hello, " + name + "!";
    }
  }

  /** The docs' {@code postprocess_inputs}. */
  public static final class SearchBox implements InputsPostprocessor {
    @Override
    public Map<String, Object> apply(Map<String, Object> inputs) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("search_box", "**Search Query:**\n```\n" + inputs.get("query") + "\n```\n");
      out.put("query", inputs.get("query"));
      return out;
    }
  }

  /** The docs' {@code postprocess_output}. */
  public static final class FormattedDocs implements OutputPostprocessor {
    @Override
    @SuppressWarnings("unchecked")
    public Object apply(Object output) {
      List<Map<String, String>> docs = (List<Map<String, String>>) output;
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 2; i++) {
        Map<String, String> d = docs.get(i);
        b.append("# ").append(d.get("title")).append("\n").append(d.get("content"));
        b.append("\n[Read more](").append(d.get("url")).append(")\n");
        if (i == 0) {
          b.append("---\n");
        }
      }
      return b.toString();
    }
  }

  /** Shows what a hook receives: copies the (redacted) api key to a key that is not secret. */
  public static final class ShowSeen implements InputsPostprocessor {
    @Override
    public Map<String, Object> apply(Map<String, Object> inputs) {
      Map<String, Object> out = new LinkedHashMap<>(inputs);
      out.put("hook_saw", String.valueOf(inputs.get("apiKey")));
      return out;
    }
  }

  public static final class ThrowingInputs implements InputsPostprocessor {
    @Override
    public Map<String, Object> apply(Map<String, Object> inputs) {
      throw new IllegalStateException("inputs hook failed on purpose");
    }
  }

  public static final class ThrowingOutput implements OutputPostprocessor {
    @Override
    public Object apply(Object output) {
      throw new IllegalStateException("output hook failed on purpose");
    }
  }

  public static final class Rag {
    static String received;

    @WeaveOp(
        name = "rag_step",
        postprocessInputs = SearchBox.class,
        postprocessOutput = FormattedDocs.class)
    public List<Map<String, String>> ragStep(String query) {
      received = query;
      return List.of(
          Map.of(
              "title", "OpenAI",
              "content", "OpenAI is a company that makes AI models.",
              "url", "https://www.openai.com"),
          Map.of(
              "title", "Google",
              "content", "Google is a company that makes search engines.",
              "url", "https://www.google.com"));
    }

    @WeaveOp(postprocessInputs = ShowSeen.class)
    public String login(String user, String apiKey) {
      return user + " key length " + apiKey.length();
    }

    /** Secrets under the names real code gives them, next to LLM fields that are not secrets. */
    @WeaveOp(callDisplayName = "{inputs.user} with {inputs.password}")
    public String connect(
        String user, String password, Map<String, String> headers, Map<String, Integer> usage) {
      return user + " connected with " + headers.size() + " headers";
    }

    @WeaveOp(postprocessInputs = ThrowingInputs.class)
    public int brokenInputs(int x) {
      return x * 2;
    }

    @WeaveOp(postprocessOutput = ThrowingOutput.class)
    public String brokenOutput() {
      return "the real output";
    }
  }

  /** A three-level tree of LLM calls whose usage rolls up. */
  public static final class Agents {

    @WeaveOp(kind = "agent")
    public String run(String task) {
      Weave.currentCall().orElseThrow().summary().put("score", 0.75);
      llm("gpt-4o", 10, 5);
      String sub = subAgent(task);
      return "done: " + sub;
    }

    @WeaveOp(kind = "agent")
    public String subAgent(String task) {
      llm("gpt-4o", 3, 1);
      llm("claude", 7, 2);
      return "sub";
    }

    @WeaveOp(kind = "llm")
    public Map<String, Object> llm(String model, int promptTokens, int completionTokens) {
      Map<String, Object> usage = new LinkedHashMap<>();
      usage.put("prompt_tokens", promptTokens);
      usage.put("completion_tokens", completionTokens);
      Map<String, Object> response = new LinkedHashMap<>();
      response.put("model", model);
      response.put("usage", usage);
      return response;
    }
  }
}
