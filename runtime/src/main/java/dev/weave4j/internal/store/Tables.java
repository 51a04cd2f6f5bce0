package dev.weave4j.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.weave4j.internal.util.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A project's tables (the rows of Datasets and Evaluations), by digest as upstream computes it:
 * each row's digest is an object digest, the table's the hex SHA-256 of its row digests in order
 * (weave-protocol.md §2.3). Tables never change; an update makes a new one.
 */
final class Tables {

  /** One table: its rows and their digests, in order. */
  record Table(String digest, List<JsonNode> rows, List<String> rowDigests) {}

  private final Map<String, Table> byDigest = new ConcurrentHashMap<>();

  /** The table of {@code rows} (computing its digests), without storing it. */
  static Table of(List<JsonNode> rows) {
    List<String> rowDigests = new ArrayList<>(rows.size());
    try {
      MessageDigest table = MessageDigest.getInstance("SHA-256");
      for (JsonNode row : rows) {
        String d = Digests.object(row);
        rowDigests.add(d);
        table.update(d.getBytes(StandardCharsets.UTF_8));
      }
      return new Table(
          HexFormat.of().formatHex(table.digest()), List.copyOf(rows), List.copyOf(rowDigests));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** The rows of a stored {@code table_create} request ({@code {"table": {"rows": [...]}}}). */
  static List<JsonNode> rows(JsonNode req) {
    List<JsonNode> rows = new ArrayList<>();
    JsonNode array = req.path("table").path("rows");
    if (array instanceof ArrayNode a) {
      a.forEach(rows::add);
    }
    return rows;
  }

  boolean contains(String digest) {
    return byDigest.containsKey(digest);
  }

  void add(Table t) {
    byDigest.putIfAbsent(t.digest(), t);
  }

  Optional<Table> get(String digest) {
    return Optional.ofNullable(byDigest.get(digest));
  }
}
