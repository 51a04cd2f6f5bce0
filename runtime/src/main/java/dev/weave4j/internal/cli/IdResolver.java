package dev.weave4j.internal.cli;

import dev.weave4j.internal.store.LocalStoreReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a full id, or a unique start or end of one (at least 8 characters), into a call or trace
 * id. UUIDv7 ids begin with their timestamp, so calls made in the same millisecond share a long
 * prefix: the end of the id ({@link #shortForm}) is what the CLI shows and what people copy.
 */
final class IdResolver {

  static final int MIN_PREFIX = 8;

  /** Characters of the short form: a UUID's last group, its 48 random bits. */
  static final int SHORT_LENGTH = 12;

  private static final int MAX_CANDIDATES = 10;

  /** What an id named: a call (with its trace) or a whole trace. */
  record Target(String callId, String traceId) {}

  private final LocalStoreReader reader;

  IdResolver(LocalStoreReader reader) {
    this.reader = reader;
  }

  /** The end of {@code id} that the CLI shows and accepts; the whole id when it is short. */
  static String shortForm(String id) {
    return id.length() <= SHORT_LENGTH ? id : id.substring(id.length() - SHORT_LENGTH);
  }

  /** A call id. */
  String call(String idOrPrefix) {
    String id = idOrPrefix.trim();
    if (reader.traceIdOf(id).isPresent()) {
      return id;
    }
    checkPrefix(id);
    List<String> ids = reader.callIdsMatching(id, MAX_CANDIDATES + 1);
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
    if (reader.traceIdsMatching(id, 1).contains(id)) {
      return new Target(null, id);
    }
    checkPrefix(id);
    List<String> callIds = reader.callIdsMatching(id, MAX_CANDIDATES + 1);
    List<String> traceIds = reader.traceIdsMatching(id, MAX_CANDIDATES + 1);
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
              + "' is too short: give the full id, or at least "
              + MIN_PREFIX
              + " characters of its start or end");
    }
  }

  private static CliException ambiguous(String prefix, List<String> candidates) {
    StringBuilder sb = new StringBuilder("id '").append(prefix).append("' is ambiguous;");
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
