package dev.weave4j.internal.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PidTest {

  @Test
  void isThisProcesssId() {
    assertThat(Pid.current()).isEqualTo(ProcessHandle.current().pid());
  }
}
