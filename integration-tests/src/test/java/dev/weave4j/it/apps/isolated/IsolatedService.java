package dev.weave4j.it.apps.isolated;

import dev.weave4j.annotations.WeaveOp;
import java.util.Locale;
import java.util.function.Function;

/** Loaded by {@code ChildFirstApp}'s child-first loader, never by the app class loader. */
public final class IsolatedService implements Function<String, String> {

  @Override
  public String apply(String s) {
    return compute(s);
  }

  @WeaveOp
  public String compute(String payload) {
    return "computed " + normalize(payload);
  }

  @WeaveOp
  String normalize(String raw) {
    return raw.toLowerCase(Locale.ROOT);
  }
}
