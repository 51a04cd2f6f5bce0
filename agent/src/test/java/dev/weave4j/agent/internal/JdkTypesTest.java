package dev.weave4j.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionStage;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

class JdkTypesTest {

  @Test
  void jdkTypesAreDescribedFromTheirClassFilesOnceForEveryLoader() {
    TypeDescription future =
        JdkTypes.POOL.describe("java.util.concurrent.CompletableFuture").resolve();

    assertThat(future.isAssignableTo(CompletionStage.class)).isTrue();
    assertThat(JdkTypes.POOL.describe("java.util.concurrent.CompletableFuture").isResolved())
        .isTrue();
  }

  @Test
  void platformModuleTypesAreJdkTypesToo() {
    assertThat(JdkTypes.POOL.describe("java.sql.Timestamp").isResolved()).isTrue();
  }

  @Test
  void everyOtherTypeIsLeftToTheLoadersOwnPool() {
    assertThat(JdkTypes.POOL.describe(JdkTypesTest.class.getName()).isResolved()).isFalse();
    assertThat(JdkTypes.POOL.describe("javax.annotation.processing.Processor").isResolved())
        .isFalse();
  }
}
