package dev.weave4j.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weave4j.annotations.InputsPostprocessor;
import dev.weave4j.annotations.OutputPostprocessor;
import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** postprocessInputs / postprocessOutput change only what is recorded. */
class TracerHooksTest {

  private final TracerFixture f = new TracerFixture();

  /** The upstream {@code rag_step} postprocessors, in Java. */
  static final class SearchBox implements InputsPostprocessor {
    @Override
    public Map<String, Object> apply(Map<String, Object> inputs) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("search_box", "**Search Query:**\n```\n" + inputs.get("query") + "\n```\n");
      out.put("query", inputs.get("query"));
      return out;
    }
  }

  static final class FormattedDocs implements OutputPostprocessor {
    @Override
    @SuppressWarnings("unchecked")
    public Object apply(Object output) {
      List<Map<String, String>> docs = (List<Map<String, String>>) output;
      StringBuilder b = new StringBuilder();
      for (Map<String, String> d : docs) {
        b.append("# ")
            .append(d.get("title"))
            .append("\n")
            .append(d.get("content"))
            .append("\n[Read more](")
            .append(d.get("url"))
            .append(")\n---\n");
      }
      return b.toString();
    }
  }

  @Test
  void ragStepRecordsThePostprocessedValuesWhileMethodAndCallerSeeTheOriginals() throws Exception {
    OpDescriptor op =
        TracerFixture.op("rag_step", "query")
            .inputsHook(HookRef.of(new SearchBox(), InputsPostprocessor.class))
            .outputHook(HookRef.of(new FormattedDocs(), OutputPostprocessor.class))
            .build();
    List<Map<String, String>> docs =
        List.of(
            Map.of(
                "title",
                "OpenAI",
                "content",
                "OpenAI is a company that makes AI models.",
                "url",
                "https://www.openai.com"),
            Map.of(
                "title",
                "Google",
                "content",
                "Google is a company that makes search engines.",
                "url",
                "https://www.google.com"));
    Object[] args = {"Tell me about OpenAI"};

    Object returned = f.run(op, args, () -> docs);

    assertThat(returned).isSameAs(docs);
    assertThat(args[0]).isEqualTo("Tell me about OpenAI");
    TracerFixture.Start s = f.start("rag_step");
    assertThat(s.inputs().get("query").asText()).isEqualTo("Tell me about OpenAI");
    assertThat(s.inputs().get("search_box").asText())
        .isEqualTo("**Search Query:**\n```\nTell me about OpenAI\n```\n");
    assertThat(f.end(s.id()).output().asText())
        .startsWith("# OpenAI\nOpenAI is a company that makes AI models.\n")
        .contains("[Read more](https://www.google.com)");
  }

  @Test
  void hooksSeeRedactedValuesButTheMethodGetsTheOriginals() throws Exception {
    AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
    OpDescriptor op =
        TracerFixture.op("T.login", "user", "apiKey", "options")
            .inputsHook(
                HookRef.of(
                    in -> {
                      seen.set(new LinkedHashMap<>(in));
                      return in;
                    },
                    InputsPostprocessor.class))
            .build();
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("api_key", "sk-nested");
    options.put("region", "eu");
    Object[] args = {"ada", "sk-secret", options};
    List<Object> methodSaw = new ArrayList<>();

    f.run(
        op,
        args,
        () -> {
          methodSaw.add(args[1]);
          methodSaw.add(options.get("api_key"));
          return "ok";
        });

    assertThat(seen.get().get("apiKey")).isEqualTo("REDACTED");
    assertThat(seen.get().get("options")).isEqualTo(Map.of("api_key", "REDACTED", "region", "eu"));
    assertThat(seen.get().get("user")).isEqualTo("ada");
    assertThat(methodSaw).containsExactly("sk-secret", "sk-nested");
    assertThat(options).containsEntry("api_key", "sk-nested");
    JsonNode recorded = f.start("T.login").inputs();
    assertThat(recorded)
        .isEqualTo(
            TracerFixture.json(
                "{'user':'ada','apiKey':'REDACTED','options':{'api_key':'REDACTED','region':'eu'}}"));
  }

  @Test
  void valuesAHookAddsUnderSecretKeysAreStillRedacted() {
    OpDescriptor op =
        TracerFixture.op("T.op", "x")
            .inputsHook(
                HookRef.of(
                    in -> {
                      Map<String, Object> out = new LinkedHashMap<>(in);
                      out.put("api_key", "sk-added");
                      return out;
                    },
                    InputsPostprocessor.class))
            .outputHook(HookRef.of(out -> Map.of("apiKey", "sk-out"), OutputPostprocessor.class))
            .build();

    f.call(op, new Object[] {1}, "plain");

    TracerFixture.Start s = f.start("T.op");
    assertThat(s.inputs()).isEqualTo(TracerFixture.json("{'x':1,'api_key':'REDACTED'}"));
    assertThat(f.end(s.id()).output()).isEqualTo(TracerFixture.json("{'apiKey':'REDACTED'}"));
  }

  @Test
  void throwingInputsHookRecordsAMarkerAndTheCallStillRuns() throws Exception {
    OpDescriptor op =
        TracerFixture.op("T.op", "x")
            .inputsHook(
                HookRef.of(
                    in -> {
                      throw new IllegalStateException("inputs broke");
                    },
                    InputsPostprocessor.class))
            .build();
    long before = Diagnostics.count(Problem.HOOK_ERROR);

    Object result = f.run(op, new Object[] {1}, () -> "ran");

    assertThat(result).isEqualTo("ran");
    TracerFixture.Start s = f.start("T.op");
    assertThat(s.inputs().size()).isEqualTo(1);
    assertThat(s.inputs().get("_weave_error").asText())
        .startsWith("<postprocessInputs ")
        .contains("threw java.lang.IllegalStateException: inputs broke");
    assertThat(f.end(s.id()).output().asText()).isEqualTo("ran");
    assertThat(Diagnostics.count(Problem.HOOK_ERROR) - before).isEqualTo(1);
  }

  @Test
  void throwingOutputHookRecordsAMarkerAndTheCallerGetsTheValue() throws Exception {
    OpDescriptor op =
        TracerFixture.op("T.op")
            .outputHook(
                HookRef.of(
                    out -> {
                      throw new UnsupportedOperationException("output broke");
                    },
                    OutputPostprocessor.class))
            .build();
    long before = Diagnostics.count(Problem.HOOK_ERROR);

    Object result = f.run(op, new Object[0], () -> "value");

    assertThat(result).isEqualTo("value");
    TracerFixture.End e = f.end(f.start("T.op").id());
    assertThat(e.output().asText())
        .startsWith("<postprocessOutput ")
        .endsWith("threw java.lang.UnsupportedOperationException: output broke>");
    assertThat(e.exception()).isNull();
    assertThat(Diagnostics.count(Problem.HOOK_ERROR) - before).isEqualTo(1);
  }

  @Test
  void outputHookIsNotRunForAFailedCall() {
    List<Object> ran = new ArrayList<>();
    OpDescriptor op =
        TracerFixture.op("T.op")
            .outputHook(
                HookRef.of(
                    out -> {
                      ran.add(out);
                      return out;
                    },
                    OutputPostprocessor.class))
            .build();

    try {
      f.run(
          op,
          new Object[0],
          () -> {
            throw new IllegalArgumentException("boom");
          });
    } catch (Exception expected) {
      assertThat(expected).hasMessage("boom");
    }

    assertThat(ran).isEmpty();
    TracerFixture.End e = f.end(f.start("T.op").id());
    assertThat(e.output().isNull()).isTrue();
    assertThat(e.exception()).contains("boom");
  }

  @Test
  void hookClassThatCannotBeCreatedIsAMarkerToo() {
    OpDescriptor op =
        TracerFixture.op("T.op", "x")
            .inputsHook(
                HookRef.lazy(
                    "no.such.Hook", getClass().getClassLoader(), InputsPostprocessor.class))
            .outputHook(
                HookRef.lazy("no.such.Out", getClass().getClassLoader(), OutputPostprocessor.class))
            .build();

    f.call(op, new Object[] {1}, "v");

    TracerFixture.Start s = f.start("T.op");
    assertThat(s.inputs().get("_weave_error").asText()).contains("no.such.Hook");
    assertThat(f.end(s.id()).output().asText()).startsWith("<postprocessOutput no.such.Out threw");
  }
}
