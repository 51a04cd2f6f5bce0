package dev.weave4j.internal.cli;

import dev.weave4j.internal.store.LocalStoreReader;
import java.io.PrintStream;

/** {@code show <call-id>}: one call as pretty CallSchema JSON. */
final class ShowCommand {

  private ShowCommand() {}

  static int run(CliArgs args, LocalStoreReader reader, PrintStream out) {
    if (args.positionals().size() != 1) {
      throw CliException.usage("show needs exactly one call id");
    }
    if (reader.isEmpty()) {
      throw CliException.notFound(Messages.noCalls(reader));
    }
    String id = new IdResolver(reader).call(args.positionals().get(0));
    out.println(Json.pretty(reader.call(id).orElseThrow()));
    return 0;
  }
}
