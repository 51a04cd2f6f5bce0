package dev.weave4j.internal.config;

import dev.weave4j.WeaveSettings;
import dev.weave4j.internal.trace.OpOverrides;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Internal, unstable. Resolves {@link WeaveSettings} from system properties &gt; agent arguments
 * ({@code -javaagent:weave-agent.jar=project=x,mode=local}) &gt; environment &gt; {@code
 * weave.properties} &gt; defaults.
 *
 * <p>Every source is checked alike: an unknown key is a warning naming the closest known key, and
 * tracing goes on. A bad value is a warning and the default when the default cannot send calls
 * somewhere the user did not mean nor do the opposite of what they asked ({@link Setting#lenient});
 * otherwise it is an error naming the key, and tracing stays off.
 */
public final class SettingsLoader {

  /** Names the properties file; not a setting itself. */
  public static final String CONFIG_KEY = "weave.config";

  private static final String CONFIG_ENV = "WEAVE_CONFIG";
  private static final String FILE_NAME = "weave.properties";

  /**
   * Every setting: its key, the environment variables for it (first wins), and how it is applied. A
   * switch rather than a lambda per setting: each lambda would be spun into a class at start-up,
   * about a millisecond each.
   */
  private enum Setting {
    PROJECT("weave.project", "WEAVE_PROJECT"),
    MODE("weave.mode", "WEAVE_MODE"),
    DISABLED("weave.disabled", "WEAVE_DISABLED"),
    SERVER_URL("weave.server_url", "WF_TRACE_SERVER_URL"),
    API_KEY("weave.api_key", "WANDB_API_KEY"),
    LOCAL_DIR("weave.local_dir", "WEAVE_LOCAL_DIR"),
    PRINT_CALL_LINK(true, "weave.print_call_link", "WEAVE_PRINT_CALL_LINK"),
    IMPLICITLY_PATCH_INTEGRATIONS(
        true, "weave.implicitly_patch_integrations", "WEAVE_IMPLICITLY_PATCH_INTEGRATIONS"),
    REDACT_KEYS("weave.redact_keys", "WEAVE_REDACT_KEYS"),
    MAX_QUEUE_BYTES(true, "weave.max_queue_bytes", "WEAVE_MAX_QUEUE_BYTES"),
    MAX_SPOOL_BYTES(true, "weave.max_spool_bytes", "WEAVE_MAX_SPOOL_BYTES"),
    DEBUG(true, "weave.debug", "WEAVE_DEBUG");

    final String key;
    final List<String> env;

    /**
     * Whether a bad value falls back to the default with a warning: only for settings whose default
     * is harmless. Where calls go (project, mode, server, key, folder) or whether tracing is on is
     * never guessed.
     */
    final boolean lenient;

    Setting(String key, String... env) {
      this(false, key, env);
    }

    Setting(boolean lenient, String key, String... env) {
      this.lenient = lenient;
      this.key = key;
      this.env = List.of(env);
    }

    /** Sets this setting to {@code v}; throws naming the key when {@code v} is bad. */
    WeaveSettings.Builder apply(WeaveSettings.Builder b, String v) {
      return switch (this) {
        case PROJECT -> b.project(v);
        case MODE -> b.mode(parseMode(v));
        case DISABLED -> b.disabled(parseBoolean(key, v));
        case SERVER_URL -> b.serverUrl(v);
        case API_KEY -> b.apiKey(v);
        case LOCAL_DIR -> b.localDir(parsePath(v));
        case PRINT_CALL_LINK -> b.printCallLink(parseBoolean(key, v));
        case IMPLICITLY_PATCH_INTEGRATIONS -> b.implicitlyPatchIntegrations(parseBoolean(key, v));
        case REDACT_KEYS -> b.redactKeys(splitList(v));
        case MAX_QUEUE_BYTES -> b.maxQueueBytes(ByteSize.parse(key, v));
        case DEBUG -> b.debug(parseBoolean(key, v));
        case MAX_SPOOL_BYTES -> b.maxSpoolBytes(ByteSize.parse(key, v));
      };
    }
  }

  /**
   * {@code weave.integrations.<name>.<setting>} ({@code enabled}, {@code op_name}, ...): per
   * integration, so not in {@link Setting}.
   */
  private static final String INTEGRATION_PREFIX = "weave.integrations.";

  /** The settings by key, in declaration order. */
  private static final Map<String, Setting> KEYS = new LinkedHashMap<>();

  /** Environment variables read here; any other {@code WEAVE_*} one is reported as unknown. */
  private static final Set<String> KNOWN_ENV = new TreeSet<>();

  static {
    for (Setting setting : Setting.values()) {
      KEYS.put(setting.key, setting);
      KNOWN_ENV.addAll(setting.env);
    }
    KNOWN_ENV.add(CONFIG_ENV);
  }

  /** The warning for an unknown key, naming the closest known one when it is a likely typo. */
  static String unknownKey(String key, String source, Set<String> known) {
    String closest = null;
    int best = Integer.MAX_VALUE;
    for (String k : known) {
      int d = editDistance(key.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
      if (d < best) {
        best = d;
        closest = k;
      }
    }
    String hint =
        closest != null && best <= Math.max(2, closest.length() / 4)
            ? "; did you mean " + closest + "?"
            : "; known: " + String.join(", ", known);
    return "unknown key " + key + " (" + source + ") is ignored" + hint;
  }

  /** Levenshtein distance, for "did you mean". */
  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private SettingsLoader() {}

  /**
   * The integration name and setting a {@code weave.integrations.<name>.<setting>} key names, or
   * null for another key.
   */
  private static String[] integrationKey(String key) {
    int dot = key.lastIndexOf('.');
    if (!key.startsWith(INTEGRATION_PREFIX) || dot <= INTEGRATION_PREFIX.length()) {
      return null;
    }
    return new String[] {key.substring(INTEGRATION_PREFIX.length(), dot), key.substring(dot + 1)};
  }

  /** Whether {@code key} is a known {@code weave.integrations.<name>.<setting>} key. */
  private static boolean isIntegrationSetting(String key) {
    String[] parts = integrationKey(key);
    return parts != null && OpOverrides.SETTINGS.contains(parts[1]);
  }

  /** The warning for an unknown key, among the integration settings when it looks like one. */
  private static String unknownKey(String key, String source) {
    String[] parts = integrationKey(key);
    if (parts == null) {
      return unknownKey(key, source, KEYS.keySet());
    }
    Set<String> known = new TreeSet<>();
    for (String setting : OpOverrides.SETTINGS) {
      known.add(INTEGRATION_PREFIX + parts[0] + "." + setting);
    }
    return unknownKey(key, source, known);
  }

  /** Applies the per-integration settings of {@code source} (later sources win). */
  private static void applyIntegrationSettings(
      WeaveSettings.Builder b, Map<String, String> source) {
    for (Map.Entry<String, String> e : source.entrySet()) {
      if (isIntegrationSetting(e.getKey())) {
        String[] parts = integrationKey(e.getKey());
        try {
          b.integrationSetting(parts[0], parts[1], e.getValue());
        } catch (IllegalArgumentException bad) {
          String m = bad.getMessage();
          throw m != null && m.contains(e.getKey())
              ? bad
              : new IllegalArgumentException(e.getKey() + ": " + m, bad);
        }
      }
    }
  }

  private static Set<String> splitList(String v) {
    Set<String> out = new HashSet<>();
    for (String part : v.split(",")) {
      out.add(part.trim());
    }
    return out;
  }

  /** The settings of this JVM: its system properties, environment and working directory. */
  public static WeaveSettings fromEnvironment() {
    return fromEnvironment(null);
  }

  /**
   * The settings of this JVM, with the agent's arguments; warnings go to stderr.
   *
   * @param agentArgs what follows {@code =} in {@code -javaagent:weave-agent.jar=...}, or null
   */
  public static WeaveSettings fromEnvironment(String agentArgs) {
    Map<String, String> props = new HashMap<>();
    for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
      props.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
    }
    return load(
        props,
        parseAgentArgs(agentArgs),
        System.getenv(),
        Path.of(""),
        ClassLoader.getSystemClassLoader(),
        StderrWarnings.INSTANCE);
  }

  /** Warnings to stderr: a class, not a method reference, to spin no lambda at start-up. */
  private static final class StderrWarnings implements Consumer<String> {
    static final StderrWarnings INSTANCE = new StderrWarnings();

    @Override
    public void accept(String warning) {
      System.err.println("weave4j: configuration: " + warning);
    }
  }

  /**
   * Resolves settings from the given sources; warnings go to stderr.
   *
   * @throws IllegalArgumentException naming the key and the problem
   */
  public static WeaveSettings load(
      Map<String, String> sysProps, Map<String, String> env, Path workDir, ClassLoader loader) {
    return load(sysProps, Map.of(), env, workDir, loader, StderrWarnings.INSTANCE);
  }

  /**
   * {@code k=v} pairs separated by commas; keys with or without their {@code weave.} prefix.
   *
   * @throws IllegalArgumentException for a pair without {@code =}
   */
  static Map<String, String> parseAgentArgs(String agentArgs) {
    Map<String, String> out = new LinkedHashMap<>();
    if (agentArgs == null || agentArgs.isBlank()) {
      return out;
    }
    for (String pair : agentArgs.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "agent argument '"
                + pair.trim()
                + "': expected key=value pairs separated by commas, e.g."
                + " -javaagent:weave-agent.jar=project=acme/chat,mode=local");
      }
      String key = pair.substring(0, eq).trim();
      out.put(key.startsWith("weave.") ? key : "weave." + key, pair.substring(eq + 1).trim());
    }
    return out;
  }

  /**
   * Resolves settings from the given sources.
   *
   * @param agentArgs {@link #parseAgentArgs parsed} agent arguments
   * @param warnings told of unknown keys and of bad values replaced by their default
   * @throws IllegalArgumentException naming the key and the problem
   */
  public static WeaveSettings load(
      Map<String, String> sysProps,
      Map<String, String> agentArgs,
      Map<String, String> env,
      Path workDir,
      ClassLoader loader,
      Consumer<String> warnings) {
    ConfigFile file = readFile(sysProps, env, workDir, loader);
    Set<String> unknown = new TreeSet<>();
    for (String k : sysProps.keySet()) {
      if (k.startsWith("weave.")
          && !KEYS.containsKey(k)
          && !k.equals(CONFIG_KEY)
          && !isIntegrationSetting(k)) {
        unknown.add(unknownKey(k, "system property"));
      }
    }
    for (String k : agentArgs.keySet()) {
      if (!KEYS.containsKey(k) && !isIntegrationSetting(k)) {
        unknown.add(unknownKey(k, "agent argument"));
      }
    }
    for (String k : env.keySet()) {
      if (k.startsWith("WEAVE_") && !KNOWN_ENV.contains(k)) {
        unknown.add(unknownKey(k, "environment variable", KNOWN_ENV));
      }
    }
    for (String k : file.values().keySet()) {
      if (!KEYS.containsKey(k) && !isIntegrationSetting(k)) {
        unknown.add(unknownKey(k, file.source()));
      }
    }
    unknown.forEach(warnings);

    WeaveSettings.Builder b = WeaveSettings.builder();
    String baseUrl = firstNonBlank(env.get("WANDB_BASE_URL"));
    if (baseUrl != null && !baseUrl.replaceAll("/+$", "").equals("https://api.wandb.ai")) {
      try {
        b.serverUrl(baseUrl.replaceAll("/+$", "") + "/traces");
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "WANDB_BASE_URL: expected an http:// or https:// URL, got '" + baseUrl + "'", e);
      }
    }
    for (Setting setting : KEYS.values()) {
      String value = sysProps.get(setting.key);
      if (value == null) {
        value = agentArgs.get(setting.key);
      }
      if (value == null) {
        for (String e : setting.env) {
          value = firstNonBlank(env.get(e));
          if (value != null) {
            break;
          }
        }
      }
      if (value == null) {
        value = file.values().get(setting.key);
      }
      if (value != null && value.isBlank()) {
        warnings.accept(setting.key + " is empty; using the default");
      } else if (value != null) {
        try {
          setting.apply(b, value.trim());
        } catch (IllegalArgumentException e) {
          if (!setting.lenient) {
            throw e;
          }
          warnings.accept(e.getMessage() + "; using the default");
        }
      }
    }
    applyIntegrationSettings(b, file.values());
    applyIntegrationSettings(b, agentArgs);
    applyIntegrationSettings(b, sysProps);
    WeaveSettings built = b.build();
    if (built.apiKey() == null && built.mode() != WeaveSettings.Mode.LOCAL) {
      String home = sysProps.getOrDefault("user.home", env.get("HOME"));
      String key =
          Netrc.password(Netrc.locate(env.get("NETRC"), home), apiHost(env.get("WANDB_BASE_URL")));
      if (key != null) {
        built = built.toBuilder().apiKey(key).build();
      }
    }
    String entity = firstNonBlank(env.get("WANDB_ENTITY"));
    if (entity != null
        && built.effectiveMode() == WeaveSettings.Mode.REMOTE
        && !built.project().contains("/")) {
      built = built.toBuilder().project(entity.trim() + "/" + built.project()).build();
    }
    return built;
  }

  /** The host of the W&B API, whose netrc entry holds the key: {@code api.wandb.ai} by default. */
  static String apiHost(String wandbBaseUrl) {
    String base = firstNonBlank(wandbBaseUrl);
    if (base == null) {
      return "api.wandb.ai";
    }
    try {
      String host = java.net.URI.create(base.trim()).getHost();
      return host == null ? "api.wandb.ai" : host;
    } catch (IllegalArgumentException e) {
      return "api.wandb.ai";
    }
  }

  /** The properties file's values and where they came from. */
  private record ConfigFile(String source, Map<String, String> values) {}

  private static ConfigFile readFile(
      Map<String, String> sysProps, Map<String, String> env, Path workDir, ClassLoader loader) {
    String explicit = sysProps.get(CONFIG_KEY);
    if (explicit == null) {
      explicit = firstNonBlank(env.get(CONFIG_ENV));
    }
    Properties p = new Properties();
    String source;
    try {
      if (explicit != null) {
        Path path = workDir.resolve(explicit);
        if (!Files.isRegularFile(path)) {
          throw new IllegalArgumentException(
              CONFIG_KEY + ": configuration file not found: " + path.toAbsolutePath());
        }
        load(p, Files.newInputStream(path));
        source = path.toString();
      } else if (Files.isRegularFile(workDir.resolve(FILE_NAME))) {
        load(p, Files.newInputStream(workDir.resolve(FILE_NAME)));
        source = workDir.resolve(FILE_NAME).toString();
      } else {
        URL url = loader == null ? null : loader.getResource(FILE_NAME);
        if (url == null) {
          return new ConfigFile("none", Map.of());
        }
        load(p, url.openStream());
        source = url.toString();
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          CONFIG_KEY + ": cannot read configuration file: " + e.getMessage(), e);
    }
    Map<String, String> values = new HashMap<>();
    for (Map.Entry<Object, Object> e : p.entrySet()) {
      values.put(String.valueOf(e.getKey()).trim(), String.valueOf(e.getValue()));
    }
    return new ConfigFile(source, values);
  }

  private static void load(Properties p, InputStream in) throws IOException {
    try (Reader r = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
      p.load(r);
    }
  }

  private static String firstNonBlank(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /**
   * {@code value} as a boolean ({@code true/false, yes/no, 1/0, on/off}).
   *
   * @throws IllegalArgumentException naming {@code key} for anything else
   */
  public static boolean parseBoolean(String key, String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on":
        return true;
      case "false", "no", "0", "off":
        return false;
      default:
        throw new IllegalArgumentException(key + ": expected true or false, got '" + value + "'");
    }
  }

  private static WeaveSettings.Mode parseMode(String value) {
    try {
      return WeaveSettings.Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "weave.mode: expected auto, local or remote, got '" + value + "'", e);
    }
  }

  private static Path parsePath(String value) {
    try {
      return Path.of(value);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("weave.local_dir: not a valid path: '" + value + "'", e);
    }
  }
}
