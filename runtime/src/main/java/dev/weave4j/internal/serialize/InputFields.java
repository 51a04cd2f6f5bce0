package dev.weave4j.internal.serialize;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.List;

/**
 * Internal, unstable. The recorded parameters of one op, prepared once for one {@link Redactor}:
 * each field name already encoded, whether its value is redacted, and which argument it reads. With
 * it the inputs of a call are written straight from the argument array, as the map {@code {name:
 * arg, ...}} would be, without building the map.
 */
public final class InputFields {

  final Redactor redactor;
  final SerializableString[] names;
  final int[] lengths;
  final boolean[] redacted;
  final int[] argIndexes;
  private final int nameBytes;

  /**
   * @param names the recorded parameters' names, in order
   * @param argIndexes for each name, the index of its argument
   * @param redactor decides which names are secret
   */
  public InputFields(List<String> names, int[] argIndexes, Redactor redactor) {
    if (names.size() != argIndexes.length) {
      throw new IllegalArgumentException("one argument index per name");
    }
    this.redactor = redactor;
    this.names = new SerializableString[names.size()];
    this.lengths = new int[names.size()];
    this.redacted = new boolean[names.size()];
    this.argIndexes = argIndexes.clone();
    int total = 2;
    for (int i = 0; i < this.names.length; i++) {
      String name = Text.sanitize(Text.cap(names.get(i)));
      this.names[i] = new SerializedString(name);
      this.lengths[i] = name.length();
      this.redacted[i] = redactor.matches(name);
      total += name.length() + 4;
    }
    this.nameBytes = total;
  }

  /** True when every recorded argument is {@link ValueSerializer#isFrozen frozen}. */
  public boolean allFrozen(Object[] args) {
    for (int index : argIndexes) {
      if (args != null && index < args.length && !ValueSerializer.isFrozen(args[index])) {
        return false;
      }
    }
    return true;
  }

  /** About the size of the inputs' JSON, without writing it. */
  public int estimatedBytes(Object[] args) {
    long total = nameBytes;
    for (int index : argIndexes) {
      total +=
          args != null && index < args.length ? ValueSerializer.estimatedBytes(args[index]) : 4;
    }
    return (int) Math.min(Integer.MAX_VALUE, total);
  }

  /** True when these fields were prepared for {@code r}. */
  public boolean preparedFor(Redactor r) {
    return redactor == r;
  }
}
