package dev.weave4j.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weave4j.WeaveSettings;
import dev.weave4j.internal.WeaveRuntime;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A method whose advice would push it over the JVM's 64 KB code limit is left as it is, with one
 * warning naming it; the other ops of its class are still traced, and the class loads.
 */
class MethodSizeLimitTest {

  private static final String NAME = "gen/Huge";

  /** {@code iinc} is 3 bytes: the body of {@code huge} is just under 65,535 bytes. */
  private static final int INCREMENTS = 21_830;

  @TempDir Path store;
  private final List<String> warnings = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          warnings.add(r.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @AfterEach
  void uninstall() {
    Logger.getLogger("dev.weave4j").removeHandler(capture);
    WeaveRuntime.shutdown();
  }

  @Test
  void aMethodTooLargeForTheAdviceIsLeftUntracedAndTheClassesOtherOpsAreTraced() throws Exception {
    WeaveRuntime.install(
        WeaveSettings.builder().localDir(store).printCallLink(false).project("unit/huge").build());
    Logger.getLogger("dev.weave4j").addHandler(capture);
    byte[] bytes = hugeClass();
    Loader loader = new Loader();

    byte[] woven = WeaveOpTransformer.weave(bytes, loader);
    Class<?> huge = loader.define(woven);

    assertThat(call(huge, "huge", 1)).isEqualTo(1 + INCREMENTS);
    assertThat(call(huge, "small", 1)).isEqualTo(2);
    assertThat(warnings).filteredOn(w -> w.contains("gen.Huge.huge(I)I is not traced")).hasSize(1);
    assertThat(recordedOps()).containsExactly("Huge.small");
  }

  private static Object call(Class<?> type, String name, int arg) throws Exception {
    Method m = type.getMethod(name, int.class);
    return m.invoke(null, arg);
  }

  private List<String> recordedOps() throws IOException {
    WeaveRuntime.active().client().flush();
    List<String> ops = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.walk(store)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        for (String line : Files.readAllLines(f)) {
          String op = json.readTree(line).path("req").path("start").path("op_name").asText();
          if (!op.isEmpty()) {
            ops.add(op);
          }
        }
      }
    }
    return ops;
  }

  /** {@code @WeaveOp static int huge(int x)} of nearly 64 KB, and a small {@code @WeaveOp}. */
  private static byte[] hugeClass() {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, NAME, null, "java/lang/Object", null);
    MethodVisitor huge =
        cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "huge", "(I)I", null, null);
    huge.visitAnnotation("Ldev/weave4j/annotations/WeaveOp;", true).visitEnd();
    huge.visitCode();
    for (int i = 0; i < INCREMENTS; i++) {
      huge.visitIincInsn(0, 1);
    }
    huge.visitVarInsn(Opcodes.ILOAD, 0);
    huge.visitInsn(Opcodes.IRETURN);
    huge.visitMaxs(0, 0);
    huge.visitEnd();
    MethodVisitor small =
        cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "small", "(I)I", null, null);
    small.visitAnnotation("Ldev/weave4j/annotations/WeaveOp;", true).visitEnd();
    small.visitCode();
    small.visitVarInsn(Opcodes.ILOAD, 0);
    small.visitInsn(Opcodes.ICONST_1);
    small.visitInsn(Opcodes.IADD);
    small.visitInsn(Opcodes.IRETURN);
    small.visitMaxs(0, 0);
    small.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  /** Defines the generated class (verified: a custom loader's classes always are). */
  private static final class Loader extends ClassLoader {
    Loader() {
      super(MethodSizeLimitTest.class.getClassLoader());
    }

    Class<?> define(byte[] bytes) {
      return defineClass(NAME.replace('/', '.'), bytes, 0, bytes.length);
    }
  }
}
