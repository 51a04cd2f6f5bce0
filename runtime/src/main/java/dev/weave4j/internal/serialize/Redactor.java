package dev.weave4j.internal.serialize;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Internal, unstable. Which keys are secret. Keys match ignoring case, {@code _} and {@code -}, so
 * the default {@code api_key} also covers Java's {@code apiKey} and {@code API-KEY}.
 */
public final class Redactor {

  /** What a redacted value is recorded as. */
  public static final String REDACTED = "REDACTED";

  private static final int MAX_DEPTH = 32;

  private final Set<String> keys;

  /** The same keys as an array, for matching without allocating (this runs for every map key). */
  private final String[] keyArray;

  /**
   * @param keys the secret keys, in any case and spelling
   */
  public Redactor(Collection<String> keys) {
    Set<String> normalized = new HashSet<>();
    for (String key : keys) {
      if (key != null && !normalize(key).isEmpty()) {
        normalized.add(normalize(key));
      }
    }
    this.keys = Set.copyOf(normalized);
    this.keyArray = normalized.toArray(new String[0]);
  }

  /** True if values under {@code key} are secret. */
  public boolean matches(String key) {
    if (key == null) {
      return false;
    }
    for (String secret : keyArray) {
      if (matchesNormalized(key, secret)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@link #normalize normalize(key)} equals {@code normalized}, without building it. */
  private static boolean matchesNormalized(String key, String normalized) {
    int n = normalized.length();
    int j = 0;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '_' || c == '-') {
        continue;
      }
      if (j == n || Character.toLowerCase(c) != normalized.charAt(j)) {
        return false;
      }
      j++;
    }
    return j == n;
  }

  /** True if a key already {@link #normalize normalized} is secret. */
  boolean matchesNormalized(String normalizedKey) {
    return keys.contains(normalizedKey);
  }

  /**
   * A copy of {@code values} with secret entries replaced, in nested maps too (for user hooks,
   * which must not see secrets; other values are redacted when serialized).
   */
  public Map<String, Object> redact(Map<String, ?> values) {
    return copy(values, 0);
  }

  private Map<String, Object> copy(Map<?, ?> values, int depth) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : values.entrySet()) {
      String key = String.valueOf(e.getKey());
      Object v = e.getValue();
      if (matches(key)) {
        out.put(key, REDACTED);
      } else if (v instanceof Map<?, ?> nested && depth < MAX_DEPTH) {
        out.put(key, copy(nested, depth + 1));
      } else {
        out.put(key, v);
      }
    }
    return out;
  }

  /** Lower case without {@code _} and {@code -}. */
  static String normalize(String key) {
    StringBuilder b = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c != '_' && c != '-') {
        b.append(Character.toLowerCase(c)); // per char, as matches() compares
      }
    }
    return b.toString();
  }
}
