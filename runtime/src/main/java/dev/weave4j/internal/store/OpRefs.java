package dev.weave4j.internal.store;

/** Internal, unstable. Op names as Weave records them: a plain name or an op ref URI. */
public final class OpRefs {

  private OpRefs() {}

  /** The name in an op ref URI ({@code weave:///e/p/op/name:digest}), else the name as is. */
  public static String name(String opName) {
    if (opName != null && opName.startsWith("weave:///")) {
      int op = opName.lastIndexOf("/op/");
      if (op >= 0) {
        String name = opName.substring(op + 4);
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
      }
    }
    return opName;
  }
}
