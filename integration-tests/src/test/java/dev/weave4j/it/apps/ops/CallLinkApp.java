package dev.weave4j.it.apps.ops;

import dev.weave4j.Call;
import dev.weave4j.Weave;
import dev.weave4j.annotations.WeaveOp;
import java.util.Map;

/**
 * Three root calls (one with a child, one manual) for {@code weave.print_call_link}, then as many
 * more root calls as the first argument says.
 */
public final class CallLinkApp {

  private CallLinkApp() {}

  public static void main(String[] args) {
    Linked l = new Linked();
    System.out.println(l.outer("a"));
    System.out.println(l.leaf("b"));
    Call manual = Weave.client().createCall("manual_root", Map.of("x", 1));
    Weave.client().finishCall(manual, "m");
    int more = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    for (int i = 0; i < more; i++) {
      l.leaf("c" + i);
    }
    System.out.println("done");
  }

  public static final class Linked {
    @WeaveOp
    public String outer(String s) {
      return leaf(s) + "!";
    }

    @WeaveOp
    public String leaf(String s) {
      return s.toUpperCase();
    }
  }
}
