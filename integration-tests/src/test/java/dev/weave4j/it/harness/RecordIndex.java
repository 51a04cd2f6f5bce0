package dev.weave4j.it.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The starts, ends and parent links of the {@code *.jsonl} files of a store folder, read as a
 * stream from the head of each line only: for stores too large to hold in memory (calls with big
 * inputs, flat out), where {@link TraceStore} would read every value.
 */
public final class RecordIndex {

  private static final Pattern HEAD =
      Pattern.compile(
          "^\\{\"mode\":\"(start|end)\",\"req\":\\{\"(?:start|end)\":\\{\"project_id\":\"[^\"]*\","
              + "\"id\":\"([^\"]+)\"(?:,\"trace_id\":\"[^\"]+\",\"parent_id\":(?:null|\"([^\"]+)\")"
              + ",\"op_name\":\"(?:weave:///[^\"]*/op/)?([^\":]+)[^\"]*\")?");

  private final Set<String> starts = new HashSet<>();
  private final Set<String> ends = new HashSet<>();
  private final Map<String, String> parents = new HashMap<>();
  private final Set<String> roots = new HashSet<>();
  private final Map<String, Integer> startsByOp = new HashMap<>();
  private int lines;
  private int unreadable;

  private RecordIndex() {}

  /** Reads every {@code *.jsonl} file directly in {@code dir} (none when it does not exist). */
  public static RecordIndex of(Path dir) {
    RecordIndex index = new RecordIndex();
    if (!Files.isDirectory(dir)) {
      return index;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".jsonl"))
              .sorted()
              .collect(Collectors.toList())) {
        index.read(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return index;
  }

  private void read(Path f) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        lines++;
        Matcher m = HEAD.matcher(line.length() > 400 ? line.substring(0, 400) : line);
        if (!m.find()) {
          if (!line.startsWith("{\"mode\":") || !line.endsWith("}")) {
            unreadable++;
          }
          continue;
        }
        if (m.group(1).equals("start")) {
          starts.add(m.group(2));
          startsByOp.merge(String.valueOf(m.group(4)), 1, Integer::sum);
          if (m.group(3) != null) {
            parents.put(m.group(2), m.group(3));
          } else {
            roots.add(m.group(2));
          }
        } else {
          ends.add(m.group(2));
        }
      }
    }
  }

  /** Ids of the calls started. */
  public Set<String> starts() {
    return starts;
  }

  /** How many calls of {@code opName} (a plain name; op refs count by their name) started. */
  public int starts(String opName) {
    return startsByOp.getOrDefault(opName, 0);
  }

  /** Ids of the root calls started. */
  public Set<String> roots() {
    return roots;
  }

  /** Ids of the calls ended. */
  public Set<String> ends() {
    return ends;
  }

  /** Ends whose start is not in the store. */
  public Set<String> endsWithoutStart() {
    Set<String> out = new HashSet<>(ends);
    out.removeAll(starts);
    return out;
  }

  /** Starts whose end is not in the store. */
  public Set<String> startsWithoutEnd() {
    Set<String> out = new HashSet<>(starts);
    out.removeAll(ends);
    return out;
  }

  /** Calls whose parent's start is not in the store. */
  public Set<String> orphans() {
    return parents.entrySet().stream()
        .filter(e -> !starts.contains(e.getValue()))
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  /** Non-blank lines read. */
  public int lines() {
    return lines;
  }

  /** Lines that are not one whole JSON record (torn or glued lines). */
  public int unreadable() {
    return unreadable;
  }

  /** A summary for failure messages. */
  @Override
  public String toString() {
    return lines
        + " lines, "
        + starts.size()
        + " starts, "
        + ends.size()
        + " ends, "
        + unreadable
        + " unreadable; e.g. ends without start "
        + first(endsWithoutStart())
        + ", orphans "
        + first(orphans());
  }

  private static List<String> first(Set<String> s) {
    return s.stream().limit(3).collect(Collectors.toList());
  }
}
