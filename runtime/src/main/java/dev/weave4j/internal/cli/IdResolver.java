package dev.weave4j.internal.cli;

import dev.weave4j.internal.store.LocalStoreReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns a full id or a unique prefix (at least 8 characters) into a call or trace id. */
final class IdResolver {

  static final int MIN_PREFIX = 8;
  private static final int MAX_CANDIDATES = 10;

  /** What an id named: a call (with its trace) or a whole trace. */
  record Target(String callId, String traceId) {}

  private final LocalStoreReader reader;

  IdResolver(LocalStoreReader reader) {
    this.reader = reader;
  }

  /** A call id. */
  String call(String idOrPrefix) {
    String id = idOrPrefix.trim();
    if (reader.traceIdOf(id).isPresent()) {
      return id;
    }
    checkPrefix(id);
    List<String> ids = reader.callIdsWithPrefix(id, MAX_CANDIDATES + 1);
    if (ids.isEmpty()) {
      throw CliException.notFound("no call with id " + id + " in " + reader.projectDir());
    }
    if (ids.size() > 1) {
      throw ambiguous(id, ids);
    }
    return ids.get(0);
  }

  /** A call id or a trace id; a prefix is ambiguous only when it spans several traces. */
  Target callOrTrace(String idOrPrefix) {
    String id = idOrPrefix.trim();
    if (reader.traceIdOf(id).isPresent()) {
      return new Target(id, reader.traceIdOf(id).get());
    }
    if (reader.traceIdsWithPrefix(id, 1).contains(id)) {
      return new Target(null, id);
    }
    checkPrefix(id);
    List<String> callIds = reader.callIdsWithPrefix(id, MAX_CANDIDATES + 1);
    List<String> traceIds = reader.traceIdsWithPrefix(id, MAX_CANDIDATES + 1);
    Set<String> traces = new LinkedHashSet<>(traceIds);
    for (String c : callIds) {
      reader.traceIdOf(c).ifPresent(traces::add);
    }
    if (traces.isEmpty()) {
      throw CliException.notFound("no call or trace with id " + id + " in " + reader.projectDir());
    }
    if (traces.size() > 1) {
      List<String> candidates = new ArrayList<>(callIds);
      for (String t : traceIds) {
        candidates.add(t + " (trace)");
      }
      throw ambiguous(id, candidates);
    }
    String trace = traces.iterator().next();
    return new Target(callIds.size() == 1 ? callIds.get(0) : null, trace);
  }

  private static void checkPrefix(String id) {
    if (id.length() < MIN_PREFIX) {
      throw CliException.invalid(
          "id '"
              + id
              + "' is too short: give the full id or at least "
              + MIN_PREFIX
              + " characters of it");
    }
  }

  private static CliException ambiguous(String prefix, List<String> candidates) {
    StringBuilder sb = new StringBuilder("id prefix '").append(prefix).append("' is ambiguous;");
    sb.append(" it matches:");
    int shown = Math.min(candidates.size(), MAX_CANDIDATES);
    for (int i = 0; i < shown; i++) {
      sb.append("\n  ").append(candidates.get(i));
    }
    if (candidates.size() > MAX_CANDIDATES) {
      sb.append("\n  …");
    }
    sb.append("\ngive more characters of the id");
    return CliException.invalid(sb.toString());
  }
}
