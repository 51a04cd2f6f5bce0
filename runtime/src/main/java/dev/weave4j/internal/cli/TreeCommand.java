package dev.weave4j.internal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.internal.store.LocalStoreReader;
import java.io.PrintStream;
import java.util.List;

/** {@code tree [<call-or-trace-id>]}: the whole call tree containing a call or a trace. */
final class TreeCommand {

  private TreeCommand() {}

  static int run(CliArgs args, LocalStoreReader reader, PrintStream out) {
    if (args.positionals().size() > 1) {
      throw CliException.usage("tree takes at most one id");
    }
    if (reader.isEmpty()) {
      throw CliException.notFound(Messages.noCalls(reader));
    }
    String callId;
    String traceId;
    if (args.positionals().isEmpty()) {
      List<ObjectNode> latest = reader.roots(0, 1);
      if (latest.isEmpty()) {
        throw CliException.notFound(Messages.noRoots(reader));
      }
      callId = null;
      traceId = latest.get(0).path("trace_id").asText();
    } else {
      IdResolver.Target target = new IdResolver(reader).callOrTrace(args.positionals().get(0));
      callId = target.callId();
      traceId = target.traceId();
    }
    List<ObjectNode> calls = reader.trace(traceId);
    List<CallTree.Node> tops = CallTree.build(calls);
    if (args.json()) {
      if (tops.size() == 1) {
        out.println(Json.pretty(CallTree.toJson(tops.get(0))));
      } else {
        ArrayNode array = Json.array();
        tops.forEach(t -> array.add(CallTree.toJson(t)));
        out.println(Json.pretty(array));
      }
      return 0;
    }
    out.println(
        "Trace "
            + CallFormat.printable(traceId)
            + "  ·  "
            + calls.size()
            + (calls.size() == 1 ? " call" : " calls")
            + "  ·  started "
            + CallFormat.started(calls.get(0))
            + " UTC");
    out.println();
    for (String line : new TreeRenderer(args.ids(), callId).render(tops)) {
      out.println(line);
    }
    return 0;
  }
}
