package dev.weave4j.agent.internal.proxied;

/**
 * What the JDK generates for an interface proxy (in the interface's package when it is not public),
 * written out: it forwards to its handler, here straight to the target.
 */
@SuppressWarnings("checkstyle:TypeName")
public final class $Proxy7 implements FactApi {

  private final FactApi target;

  public $Proxy7(FactApi target) {
    this.target = target;
  }

  @Override
  public String fact(String topic) {
    return target.fact(topic);
  }
}
