package dev.weave4j.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weave4j.internal.util.JsonMapper;
import org.junit.jupiter.api.Test;

class QueriedCallTest {

  private static QueriedCall call(String opName) {
    ObjectNode json = JsonMapper.get().createObjectNode().put("id", "c").put("op_name", opName);
    return new QueriedCall(json, null);
  }

  @Test
  void aCallReadFromAServerHasTheSameShortOpNameAsFromTheLocalStoreAndItsRefBeside() {
    QueriedCall remote = call("weave:///acme/qa/op/rag_answer:Xk9f2");
    QueriedCall local = call("rag_answer");

    assertThat(remote.opName()).isEqualTo("rag_answer").isEqualTo(local.opName());
    assertThat(remote.funcName()).isEqualTo("rag_answer");
    assertThat(remote.opRef()).contains("weave:///acme/qa/op/rag_answer:Xk9f2");
    assertThat(local.opRef()).isEmpty();
  }
}
