package dev.weave4j.internal.serialize;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Internal, unstable. Which keys are secret, by key words: a key is cut into words at {@code _},
 * {@code -}, {@code .}, spaces and camelCase humps ({@code openaiAPIKey}: openai, api, key), and it
 * is secret when its last words, joined and lower-cased, equal a configured key with its separators
 * removed: the last word names what the value is. So {@code api_key} covers {@code openai_api_key},
 * {@code x-api-key}, {@code apiKey} and {@code APIKEY}, {@code access_token} covers {@code
 * X-Access-Token}, while {@code max_tokens} and {@code password_length} stay readable.
 */
public final class Redactor {

  /** What a redacted value is recorded as. */
  public static final String REDACTED = "REDACTED";

  private static final int MAX_DEPTH = 32;

  /** The configured keys, normalized; matched without allocating (this runs for every map key). */
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
    this.keyArray = normalized.toArray(new String[0]);
  }

  /** True if values under {@code key} are secret. */
  public boolean matches(String key) {
    if (key == null) {
      return false;
    }
    for (int start = 0; start < key.length(); start++) {
      if (wordStart(key, start)) {
        for (String secret : keyArray) {
          if (runMatches(key, start, secret)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Whether the words of {@code key} from {@code start} to its end spell {@code normalized}. */
  private static boolean runMatches(String key, int start, String normalized) {
    int n = normalized.length();
    int i = start;
    for (int j = 0; j < n; i++) {
      if (i == key.length()) {
        return false;
      }
      char c = key.charAt(i);
      if (separator(c)) {
        continue;
      }
      if (Character.toLowerCase(c) != normalized.charAt(j)) {
        return false;
      }
      j++;
    }
    for (; i < key.length(); i++) {
      if (!separator(key.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether a word of {@code key} starts at {@code i}. */
  private static boolean wordStart(String key, int i) {
    char c = key.charAt(i);
    if (separator(c)) {
      return false;
    }
    if (i == 0) {
      return true;
    }
    char prev = key.charAt(i - 1);
    if (separator(prev)) {
      return true;
    }
    if (!Character.isUpperCase(c)) {
      return false;
    }
    // fooBar, foo2Bar; and the last capital of an acronym followed by a word: APIKey
    return !Character.isUpperCase(prev)
        || (i + 1 < key.length() && Character.isLowerCase(key.charAt(i + 1)));
  }

  private static boolean separator(char c) {
    return c == '_' || c == '-' || c == '.' || c == ' ';
  }

  /**
   * A copy of {@code values} with secret entries replaced, in nested maps too (for user hooks,
   * which must not see secrets; other values are redacted when serialized).
   */
  public Map<String, Object> redact(Map<String, ?> values) {
    return copy(values, 0);
  }

  /** {@code value} as a user hook may see it: a map redacted like {@link #redact}, else itself. */
  public Object redactValue(Object value) {
    return value instanceof Map<?, ?> m ? copy(m, 0) : value;
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

  /** Lower case without separators. */
  static String normalize(String key) {
    StringBuilder b = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!separator(c)) {
        b.append(Character.toLowerCase(c)); // per char, as matches() compares
      }
    }
    return b.toString();
  }
}
