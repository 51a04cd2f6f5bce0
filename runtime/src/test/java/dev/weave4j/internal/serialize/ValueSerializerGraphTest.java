package dev.weave4j.internal.serialize;

import static dev.weave4j.internal.serialize.SerializerTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ValueSerializerGraphTest {

  record Point(int x, int y) {}

  record Credentials(String user, String API_Key) {}

  static class Base {
    String baseField = "b";
    static String ignoredStatic = "s";
    transient String ignoredTransient = "t";
  }

  static class Bean extends Base {
    private int count = 3;
    private final List<String> tags = List.of("a");
    Object other;

    /** Must never be called. */
    public int getCount() {
      throw new AssertionError("getter called");
    }
  }

  static class Node {
    final int id;
    Node next;

    Node(int id) {
      this.id = id;
    }
  }

  @Test
  void collectionsAreArraysAndMapsAreObjects() {
    assertThat(json(List.of(1, "a", true)).toString()).isEqualTo("[1,\"a\",true]");
    assertThat(json(Set.of(7)).toString()).isEqualTo("[7]");
    assertThat(json(new Object[] {null, 2}).toString()).isEqualTo("[null,2]");
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put("k", 1);
    map.put(2, List.of());
    map.put(null, "n");
    assertThat(json(map).toString()).isEqualTo("{\"k\":1,\"2\":[],\"null\":\"n\"}");
  }

  @Test
  void largeCollectionIsCutAt1000WithCountMarker() {
    List<Integer> list = new ArrayList<>();
    for (int i = 0; i < 1234; i++) {
      list.add(i);
    }
    JsonNode node = json(list);
    assertThat(node).hasSize(1001);
    assertThat(node.get(999).intValue()).isEqualTo(999);
    assertThat(node.get(1000).textValue()).isEqualTo("…[234 more items]");
    assertThat(json(list.toArray()).get(1000).textValue()).isEqualTo("…[234 more items]");
  }

  @Test
  void largeMapIsCutAt1000WithEntryMarker() {
    Map<Integer, Integer> map = new TreeMap<>();
    for (int i = 0; i < 1500; i++) {
      map.put(i, i);
    }
    JsonNode node = json(map);
    assertThat(node).hasSize(1001);
    assertThat(node.get("…").textValue()).isEqualTo("[500 more entries]");
  }

  @Test
  void recordIsObjectRecordReadThroughAccessors() {
    JsonNode node = json(new Point(1, 2));
    assertThat(node.toString())
        .isEqualTo(
            "{\"_type\":\"Point\",\"x\":1,\"y\":2,\"_class_name\":\"Point\",\"_bases\":[\"Record\"]}");
  }

  @Test
  void pojoIsObjectRecordFromFieldsWithoutCallingGetters() {
    JsonNode node = json(new Bean());
    assertThat(node.get("_type").textValue()).isEqualTo("Bean");
    assertThat(node.get("baseField").textValue()).isEqualTo("b");
    assertThat(node.get("count").intValue()).isEqualTo(3);
    assertThat(node.get("tags").toString()).isEqualTo("[\"a\"]");
    assertThat(node.get("other").isNull()).isTrue();
    assertThat(node.has("ignoredStatic")).isFalse();
    assertThat(node.has("ignoredTransient")).isFalse();
    assertThat(node.get("_class_name").textValue()).isEqualTo("Bean");
    assertThat(node.get("_bases").toString()).isEqualTo("[\"Base\"]");
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly("_type", "baseField", "count", "tags", "other", "_class_name", "_bases");
  }

  @Test
  void selfReferencingListIsWrittenWithCycleMarker() {
    List<Object> list = new ArrayList<>();
    list.add("a");
    list.add(list);
    assertThat(json(list).toString()).isEqualTo("[\"a\",\"<cycle: ArrayList>\"]");
  }

  @Test
  void cyclicPojoIsWrittenWithCycleMarker() {
    Node a = new Node(1);
    Node b = new Node(2);
    a.next = b;
    b.next = a;
    JsonNode node = json(a);
    assertThat(node.get("next").get("id").intValue()).isEqualTo(2);
    assertThat(node.get("next").get("next").textValue()).isEqualTo("<cycle: Node>");
  }

  @Test
  void sameObjectTwiceOffThePathIsWrittenTwice() {
    Point p = new Point(1, 1);
    JsonNode node = json(List.of(p, p));
    assertThat(node.get(0)).isEqualTo(node.get(1));
    assertThat(node.get(1).get("x").intValue()).isEqualTo(1);
  }

  @Test
  void deepChainStopsAtMaxDepthWithoutOverflowingTheStack() {
    Node head = new Node(0);
    Node tail = head;
    for (int i = 1; i < 10_000; i++) {
      tail.next = new Node(i);
      tail = tail.next;
    }
    JsonNode node = json(head);
    int levels = 1;
    while (node.get("next").isObject()) {
      node = node.get("next");
      levels++;
    }
    assertThat(levels).isEqualTo(32);
    assertThat(node.get("next").textValue()).isEqualTo("<max depth 32: Node>");
  }

  @Test
  void deeplyNestedListsStopAtMaxDepth() {
    List<Object> root = new ArrayList<>();
    List<Object> current = root;
    for (int i = 0; i < 100; i++) {
      List<Object> child = new ArrayList<>();
      current.add(child);
      current = child;
    }
    String text = new String(SerializerTestSupport.SERIALIZER.toJson(root));
    assertThat(text).startsWith("[".repeat(32) + "\"<max depth 32: ArrayList>\"");
  }

  @Test
  void redactionAppliesToKeysFieldsAndComponentsAtAnyDepthIgnoringCase() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("Authorization", "Bearer xyz");
    inner.put("kept", "yes");
    inner.put("creds", new Credentials("bob", "sk-123"));
    Map<String, Object> level2 = Map.of("level3", inner);
    Map<String, Object> root = Map.of("level2", level2, "PassWord", List.of("not walked"));
    JsonNode node = json(root);
    JsonNode deep = node.get("level2").get("level3");
    assertThat(deep.get("Authorization").textValue()).isEqualTo("REDACTED");
    assertThat(deep.get("kept").textValue()).isEqualTo("yes");
    assertThat(deep.get("creds").get("API_Key").textValue()).isEqualTo("REDACTED");
    assertThat(deep.get("creds").get("user").textValue()).isEqualTo("bob");
    assertThat(node.get("PassWord").textValue()).isEqualTo("REDACTED");
    assertThat(node.toString()).doesNotContain("xyz", "sk-123", "not walked");
  }

  @Test
  void budgetOfOneMebibyteKeepsJsonValid() {
    List<Object> rows = new ArrayList<>();
    for (int i = 0; i < 900; i++) {
      rows.add(Map.of("text", "z".repeat(5_000), "nested", List.of("é".repeat(1_000))));
    }
    byte[] bytes = SerializerTestSupport.SERIALIZER.toJson(rows);
    assertThat(bytes.length).isBetween(1 << 20, (1 << 20) + 50_000);
    JsonNode node = SerializerTestSupport.parse(bytes);
    assertThat(node.get(node.size() - 1).textValue())
        .isEqualTo("…[truncated: value budget exceeded]");
    assertThat(node.size()).isLessThan(900);
  }

  @Test
  void budgetMarkerClosesNestedMapsAndObjects() {
    Map<String, Object> big = new LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      big.put("k" + i, "v".repeat(100_000));
    }
    JsonNode node = json(List.of(Map.of("inner", big)));
    JsonNode inner = node.get(0).get("inner");
    assertThat(inner.get("…").textValue()).isEqualTo("…[truncated: value budget exceeded]");
    assertThat(inner.size()).isLessThan(20);
  }
}
