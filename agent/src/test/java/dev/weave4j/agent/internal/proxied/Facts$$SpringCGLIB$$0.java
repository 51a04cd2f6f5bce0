package dev.weave4j.agent.internal.proxied;

import java.util.HashMap;
import java.util.Map;

/**
 * What Spring generates for a {@code @Cacheable} bean with an {@code @Around} advice, written out:
 * a subclass overriding every method, which runs the advice, answers from its cache or forwards to
 * the target bean.
 */
@SuppressWarnings("checkstyle:TypeName")
public class Facts$$SpringCGLIB$$0 extends Facts {

  private final Facts target;
  private final Map<String, String> cache = new HashMap<>();

  public Facts$$SpringCGLIB$$0(Facts target) {
    this.target = target;
  }

  @Override
  public String fact(String topic) {
    Audit.before("fact");
    return cache.computeIfAbsent(topic, target::fact);
  }

  @Override
  public String lookup(String topic) {
    return target.lookup(topic);
  }

  @Override
  public int countdown(int n) {
    return target.countdown(n);
  }
}
