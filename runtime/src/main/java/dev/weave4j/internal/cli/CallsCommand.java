package dev.weave4j.internal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.internal.store.LocalStoreReader;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code calls}: recent root calls, newest first. */
final class CallsCommand {

  private static final int MAX_NAME = 48;

  private CallsCommand() {}

  static int run(CliArgs args, LocalStoreReader reader, PrintStream out, PrintStream err) {
    if (!args.positionals().isEmpty()) {
      throw CliException.usage("calls takes no arguments, got '" + args.positionals().get(0) + "'");
    }
    List<ObjectNode> roots = reader.roots(0, args.limit());
    if (args.json()) {
      ArrayNode array = Json.array();
      roots.forEach(array::add);
      out.println(Json.pretty(array));
    }
    if (roots.isEmpty()) {
      // As `tree`: nothing found is exit code 1 with the reason on stderr (JSON still prints []).
      err.println(
          "weave4j: " + (reader.isEmpty() ? Messages.noCalls(reader) : Messages.noRoots(reader)));
      return CliException.NOT_FOUND;
    }
    if (args.json()) {
      return 0;
    }
    out.print(table(roots));
    int total = reader.rootCount();
    if (total > roots.size()) {
      out.printf(
          Locale.ROOT,
          "%nShowing the %d most recent of %d root calls; use --limit to see more.%n",
          roots.size(),
          total);
    }
    return 0;
  }

  static String table(List<ObjectNode> roots) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"STARTED (UTC)", "CALL", "STATUS", "LATENCY", "TOKENS", "ID"});
    for (ObjectNode call : roots) {
      String tokens =
          CallFormat.tokens(call).isPresent()
              ? String.format(Locale.ROOT, "%,d", CallFormat.tokens(call).getAsLong())
              : "";
      rows.add(
          new String[] {
            CallFormat.started(call),
            CallFormat.printable(CallFormat.cut(CallFormat.name(call), MAX_NAME)),
            CallFormat.statusLabel(call),
            CallFormat.latency(call),
            tokens,
            IdResolver.shortForm(call.path("id").asText())
          });
    }
    return TextTable.render(rows, 3, 4);
  }
}
