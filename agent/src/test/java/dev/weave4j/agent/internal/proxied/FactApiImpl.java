package dev.weave4j.agent.internal.proxied;

/** The implementation behind an interface proxy. */
public class FactApiImpl implements FactApi {

  @Override
  public String fact(String topic) {
    return "an api fact about " + topic;
  }
}
