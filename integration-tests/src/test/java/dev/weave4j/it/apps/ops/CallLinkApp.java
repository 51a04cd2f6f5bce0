package dev.weave4j.it.apps.ops;

import dev.weave4j.Call;
import dev.weave4j.Weave;
import dev.weave4j.annotations.WeaveOp;
import java.util.Map;

/** Three root calls (one with a child, one manual) for {@code weave.print_call_link}. */
public final class CallLinkApp {

  private CallLinkApp() {}

  public static void main(String[] args) {
    Linked l = new Linked();
    System.out.println(l.outer("a"));
    System.out.println(l.leaf("b"));
    Call manual = Weave.client().createCall("manual_root", Map.of("x", 1));
    Weave.client().finishCall(manual, "m");
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
