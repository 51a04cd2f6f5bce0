package dev.weave4j.integrations.testing;

import dev.weave4j.Call;
import dev.weave4j.Weave;
import dev.weave4j.testlib.Greeter;
import java.util.Map;

/**
 * Helper of the testing integration, defined in the test library's class loader (it uses the
 * library's types): one Weave call per greeting.
 */
public final class GreeterCalls {

  private GreeterCalls() {}

  /** Starts the call of {@code greeter.greet(name)}. */
  public static Object start(Greeter greeter, String name) {
    return Weave.client()
        .createCall(
            "testlib.greet",
            Map.of(
                "name", name,
                "greeter", greeter.getClass().getSimpleName(),
                "helper_loader", String.valueOf(GreeterCalls.class.getClassLoader())));
  }

  /** Ends the call {@link #start} began. */
  public static void end(Object call, String greeting, Throwable thrown) {
    if (call instanceof Call c) {
      if (thrown != null) {
        Weave.client().failCall(c, thrown);
      } else {
        Weave.client().finishCall(c, greeting);
      }
    }
  }
}
