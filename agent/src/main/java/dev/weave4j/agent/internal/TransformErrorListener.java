package dev.weave4j.agent.internal;

import dev.weave4j.internal.Diagnostics;
import dev.weave4j.internal.Diagnostics.Problem;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.utility.JavaModule;

/** Internal, unstable. Counts and logs (rate-limited) classes that could not be instrumented. */
class TransformErrorListener extends AgentBuilder.Listener.Adapter {

  @Override
  public void onError(
      String typeName,
      ClassLoader classLoader,
      JavaModule module,
      boolean loaded,
      Throwable throwable) {
    Diagnostics.report(Problem.TRANSFORM_ERROR, typeName, throwable);
  }
}
