package dev.weave4j.agent.internal.woven;

import dev.weave4j.annotations.WeaveOp;
import java.util.Iterator;
import java.util.List;

/** Method shapes the op advice must keep working: every return type, locals, frames, handlers. */
@SuppressWarnings("unused")
public class WovenShapes {

  private int calls;

  @WeaveOp
  public static long wide(long a, double b, int c) {
    long sum = a + (long) b;
    return sum + c;
  }

  @WeaveOp
  public boolean flag(boolean b) {
    return !b;
  }

  @WeaveOp
  public char letter(char c) {
    return Character.toUpperCase(c);
  }

  @WeaveOp
  public byte small(byte b, short s) {
    return (byte) (b + s);
  }

  @WeaveOp
  public float ratio(float f) {
    return f / 2;
  }

  @WeaveOp
  public double half(double d) {
    return d / 2;
  }

  @WeaveOp
  public void nothing(String s) {
    calls += s.length();
  }

  @WeaveOp
  public static String noLocals() {
    return "none";
  }

  @WeaveOp
  public int loops(int n) {
    int sum = 0;
    for (int i = 0; i < n; i++) {
      if (i % 2 == 0) {
        continue;
      }
      sum += i;
    }
    switch (n) {
      case 1:
        return -1;
      case 2:
        return -2;
      default:
        break;
    }
    long wideLocal = sum;
    double another = wideLocal * 2.0;
    return (int) another;
  }

  @WeaveOp
  public String caught(String s) {
    try {
      Integer.parseInt(s);
      return "number";
    } catch (NumberFormatException e) {
      return "text";
    }
  }

  @WeaveOp
  public String fails(String s) {
    throw new IllegalStateException(s);
  }

  @WeaveOp
  public synchronized String locked(String s) {
    return s + calls;
  }

  @WeaveOp
  public Iterator<String> lazy() {
    return List.of("a", "b").iterator();
  }

  @WeaveOp
  public int[] array(int n) {
    return new int[n];
  }
}
