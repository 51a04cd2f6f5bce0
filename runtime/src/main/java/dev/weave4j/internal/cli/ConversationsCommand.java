package dev.weave4j.internal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.internal.store.LocalStoreReader;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code conversations [<id>]}: the agent conversations of the store (turns are root {@code
 * invoke_agent} calls grouped by {@code gen_ai.conversation.id}), or one conversation's turns as
 * trees.
 */
final class ConversationsCommand {

  private ConversationsCommand() {}

  /** One conversation: its turns, oldest first. */
  private record Conversation(String id, List<ObjectNode> turns) {

    String agent() {
      return genAi(turns.get(0)).path("agent").path("name").asText("");
    }

    String name() {
      return genAi(turns.get(0)).path("conversation").path("name").asText("");
    }

    String first() {
      return turns.get(0).path("started_at").asText();
    }

    String last() {
      String last = first();
      for (ObjectNode t : turns) {
        String at = t.path("ended_at").asText(t.path("started_at").asText());
        last = at.compareTo(last) > 0 ? at : last;
      }
      return last;
    }

    long[] tokens() {
      long[] inOut = new long[2];
      for (ObjectNode t : turns) {
        for (JsonNode u : t.path("summary").path("usage")) {
          inOut[0] += u.path("input_tokens").asLong(u.path("prompt_tokens").asLong(0));
          inOut[1] += u.path("output_tokens").asLong(u.path("completion_tokens").asLong(0));
        }
      }
      return inOut;
    }
  }

  static int run(CliArgs args, LocalStoreReader reader, PrintStream out) {
    if (args.positionals().size() > 1) {
      throw CliException.usage("conversations takes at most one conversation id");
    }
    List<Conversation> all = conversations(reader);
    if (args.positionals().isEmpty()) {
      return list(all, args.json(), reader, out);
    }
    return show(find(all, args.positionals().get(0)), args, reader, out);
  }

  private static List<Conversation> conversations(LocalStoreReader reader) {
    Map<String, List<ObjectNode>> byId = new LinkedHashMap<>();
    for (ObjectNode root : reader.roots(0, Integer.MAX_VALUE)) {
      String id = genAi(root).path("conversation").path("id").asText("");
      if (!id.isEmpty() && "invoke_agent".equals(operation(root))) {
        byId.computeIfAbsent(id, k -> new ArrayList<>()).add(root);
      }
    }
    List<Conversation> all = new ArrayList<>();
    byId.forEach(
        (id, turns) -> {
          turns.sort(Comparator.comparing(t -> t.path("started_at").asText()));
          all.add(new Conversation(id, turns));
        });
    all.sort(Comparator.comparing(Conversation::last).reversed());
    return all;
  }

  private static int list(
      List<Conversation> all, boolean json, LocalStoreReader reader, PrintStream out) {
    if (json) {
      ArrayNode array = Json.array();
      for (Conversation c : all) {
        ObjectNode o = summary(c);
        array.add(o);
      }
      out.println(Json.pretty(array));
      return 0;
    }
    if (all.isEmpty()) {
      out.println(
          "No agent conversations in "
              + reader.projectDir()
              + ". Record some with Weave.startConversation(...) and startTurn(...).");
      return 0;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {"LAST (UTC)", "AGENT", "TURNS", "TOKENS", "FIRST (UTC)", "CONVERSATION"});
    for (Conversation c : all) {
      long[] t = c.tokens();
      rows.add(
          new String[] {
            CallFormat.time(c.last()),
            CallFormat.printable(c.agent()),
            Integer.toString(c.turns().size()),
            String.format(Locale.ROOT, "%,d", t[0] + t[1]),
            CallFormat.time(c.first()),
            CallFormat.printable(c.id())
          });
    }
    out.print(TextTable.render(rows, 2, 3));
    return 0;
  }

  private static int show(Conversation c, CliArgs args, LocalStoreReader reader, PrintStream out) {
    if (args.json()) {
      ObjectNode o = summary(c);
      ArrayNode turns = o.putArray("turns");
      for (ObjectNode turn : c.turns()) {
        for (CallTree.Node top : CallTree.build(reader.trace(turn.path("trace_id").asText()))) {
          turns.add(CallTree.toJson(top));
        }
      }
      out.println(Json.pretty(o));
      return 0;
    }
    long[] t = c.tokens();
    out.println(
        "Conversation "
            + CallFormat.printable(c.id())
            + (c.name().isEmpty() ? "" : " (" + CallFormat.printable(c.name()) + ")")
            + "  ·  agent "
            + (c.agent().isEmpty() ? "-" : CallFormat.printable(c.agent()))
            + "  ·  "
            + c.turns().size()
            + (c.turns().size() == 1 ? " turn" : " turns")
            + "  ·  "
            + String.format(Locale.ROOT, "%,d tokens", t[0] + t[1]));
    int n = 0;
    for (ObjectNode turn : c.turns()) {
      out.println();
      out.println(
          "Turn "
              + ++n
              + "  ·  "
              + CallFormat.started(turn)
              + " UTC  ·  "
              + CallFormat.printable(userText(turn)));
      List<CallTree.Node> tops = CallTree.build(reader.trace(turn.path("trace_id").asText()));
      for (String line : new TreeRenderer(args.ids(), null).render(tops)) {
        out.println(line);
      }
    }
    return 0;
  }

  private static Conversation find(List<Conversation> all, String id) {
    List<Conversation> prefixed = new ArrayList<>();
    for (Conversation c : all) {
      if (c.id().equals(id)) {
        return c;
      }
      if (c.id().startsWith(id)) {
        prefixed.add(c);
      }
    }
    if (prefixed.size() == 1) {
      return prefixed.get(0);
    }
    throw prefixed.isEmpty()
        ? CliException.notFound("no conversation with id '" + id + "'")
        : CliException.usage("'" + id + "' matches " + prefixed.size() + " conversations");
  }

  private static ObjectNode summary(Conversation c) {
    ObjectNode o = Json.object();
    long[] t = c.tokens();
    o.put("conversation_id", c.id());
    o.put("agent_name", c.agent());
    o.put("conversation_name", c.name());
    o.put("turns", c.turns().size());
    o.put("first_started_at", c.first());
    o.put("last_ended_at", c.last());
    o.put("input_tokens", t[0]);
    o.put("output_tokens", t[1]);
    o.put("total_tokens", t[0] + t[1]);
    return o;
  }

  /** The first text of the turn's user message, on one line. */
  private static String userText(ObjectNode turn) {
    JsonNode messages = Json.parseOrNull(genAi(turn).path("input").path("messages").asText(""));
    String text =
        messages == null ? "" : messages.path(0).path("parts").path(0).path("content").asText("");
    return CallFormat.cut(CallFormat.oneLine(text), 80);
  }

  private static JsonNode genAi(JsonNode call) {
    return call.path("attributes").path("gen_ai");
  }

  private static String operation(JsonNode call) {
    return genAi(call).path("operation").path("name").asText("");
  }
}
