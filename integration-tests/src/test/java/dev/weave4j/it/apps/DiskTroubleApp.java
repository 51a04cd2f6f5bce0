package dev.weave4j.it.apps;

import dev.weave4j.Weave;
import dev.weave4j.annotations.WeaveOp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Disk trouble in the middle of a run. {@code args[0]}: {@code delete <dir>} deletes {@code dir}
 * (the local store or the spool) between two phases; {@code free <file>} deletes {@code file} (a
 * filler that filled the disk) between them. Phase one calls {@code Before.step}, phase two {@code
 * After.step}, {@code args[2]} root calls each (each with one child); {@link Weave#flush} after
 * each phase, so that phase one met the trouble before it is cleared.
 */
public final class DiskTroubleApp {

  private DiskTroubleApp() {}

  public static void main(String[] args) throws IOException {
    Path target = Path.of(args[1]);
    int calls = Integer.parseInt(args[2]);
    for (int i = 0; i < calls; i++) {
      Before.step(i);
    }
    Weave.flush();
    if (args[0].equals("delete")) {
      deleteTree(target);
    } else {
      Files.delete(target);
    }
    for (int i = 0; i < calls; i++) {
      After.step(i);
    }
    Weave.flush();
    System.out.println("done " + calls);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      System.out.println("nothing to delete at " + dir);
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static final class Before {
    private Before() {}

    @WeaveOp
    static String step(int i) {
      return Leaf.leaf("before " + i);
    }
  }

  static final class After {
    private After() {}

    @WeaveOp
    static String step(int i) {
      return Leaf.leaf("after " + i);
    }
  }

  static final class Leaf {
    private Leaf() {}

    @WeaveOp
    static String leaf(String text) {
      return text + " ".repeat(200);
    }
  }
}
