package dev.weave4j.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Store lines built from a parsed request body: in place when compact, else copied. */
class StoreBatchTest {

  private static final String START = "{\"mode\":\"start\",\"req\":";
  private static final String END = "{\"mode\":\"end\",\"req\":";
  private static final String S1 = "{\"start\":{\"id\":\"a\",\"x\":[1, 2]}}";
  private static final String E1 = "{\"end\":{\"id\":\"a\"}}";

  private static StoreBatch batch(String body, boolean noBreaks) {
    byte[] src = body.getBytes(StandardCharsets.UTF_8);
    StoreBatch b = new StoreBatch(src);
    int s = body.indexOf(S1);
    int e = body.indexOf(E1);
    b.start(s, S1.length(), "a", "t", null, 1, "op", null, null, null);
    b.end(e, E1.length(), "a", 2, false);
    if (noBreaks) {
      b.sourceHasNoLineBreaks();
    }
    return b;
  }

  private static String written(StoreBatch b) {
    return new String(b.bytes(), b.from(), b.byteCount(), StandardCharsets.UTF_8);
  }

  private static List<String> lines(StoreBatch b) {
    return b.lines().stream()
        .map(l -> new String(b.bytes(), b.from() + l.offset(), l.length(), StandardCharsets.UTF_8))
        .toList();
  }

  @Test
  void aCompactBodysItemsAreWrittenAsTheyAreOneLineEach() {
    String body = "{\"batch\":[" + START + S1 + "}," + END + E1 + "}]}";
    StoreBatch b = batch(body, true);
    assertThat(written(b)).isEqualTo(START + S1 + "}\n" + END + E1 + "}\n");
    assertThat(lines(b)).containsExactly(START + S1 + "}", END + E1 + "}");
    assertThat(b.lines().get(0).record()).isInstanceOf(StoreRecord.Start.class);
    assertThat(b.size()).isEqualTo(2);
  }

  @Test
  void itemsWithSpaceBetweenThemOrOtherItemsAmongThemAreCopiedIntoTheSameLines() {
    for (String body :
        List.of(
            "{\"batch\":[" + START + S1 + "}, " + END + E1 + "}]}",
            "{\"batch\":[" + START + S1 + "},{\"mode\":\"start\",\"req\":{}}," + END + E1 + "}]}",
            "{\"batch\":[{\"req\":" + S1 + ",\"mode\":\"start\"}," + END + E1 + "}]}")) {
      StoreBatch b = batch(body, true);
      assertThat(written(b)).as(body).isEqualTo(START + S1 + "}\n" + END + E1 + "}\n");
      assertThat(lines(b)).as(body).containsExactly(START + S1 + "}", END + E1 + "}");
    }
  }

  @Test
  void lineBreaksBetweenTokensBecomeSpaces() {
    String s1 = S1.replace(", ", ",\r\n");
    String body = "{\"batch\":[" + START + s1 + "},\n" + END + E1 + "}]}";
    byte[] src = body.getBytes(StandardCharsets.UTF_8);
    StoreBatch b = new StoreBatch(src);
    b.start(body.indexOf(s1), s1.length(), "a", "t", null, 1, "op", null, null, null);
    b.end(body.indexOf(E1), E1.length(), "a", 2, false);
    assertThat(written(b)).isEqualTo(START + S1.replace(", ", ",  ") + "}\n" + END + E1 + "}\n");
  }
}
